import type { StoredSpan } from './otlp-json';

export interface WaterfallRow {
  readonly span: StoredSpan;
  readonly depth: number;
  /** From the start of the first span shown. */
  readonly offsetMs: number;
}

/**
 * A trace's spans as a tree in start order: each span under its parent, spans whose parent is
 * not among them at the top.
 */
export function waterfallRows(spans: readonly StoredSpan[]): WaterfallRow[] {
  if (spans.length === 0) return [];
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string | undefined, StoredSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  // Loops, not Math.min(...spans): a spread of 100,000+ arguments overflows the stack.
  let startMs = Infinity;
  for (const span of spans) startMs = Math.min(startMs, span.startMs);
  const rows: WaterfallRow[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.startMs - b.startMs)) {
      rows.push({ span, depth, offsetMs: span.startMs - startMs });
      visit(span.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  return rows;
}

/** The span and its ancestors, root first: the path a record took to reach it. */
export function ancestry(spans: readonly StoredSpan[], spanId: string): StoredSpan[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const path: StoredSpan[] = [];
  for (
    let at = byId.get(spanId);
    at;
    at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined
  ) {
    path.unshift(at);
  }
  return path;
}

const shownAttributes = [
  'http.request.method',
  'url.full',
  'url.path',
  'http.route',
  'http.response.status_code',
  'messaging.destination.name',
  'messaging.destination.partition.id',
  'messaging.kafka.offset',
  'messaging.consumer.group.name',
  'messaging.batch.message_count',
  'fieldline.event.type',
  'fieldline.outcome',
];

/** A trace as text: offset, duration, a bar on a common time scale, then the tree. */
export function renderWaterfall(spans: readonly StoredSpan[], barWidth = 24): string {
  const rows = waterfallRows(spans);
  if (rows.length === 0) return '(no spans)\n';
  const totalMs = spanOfRows(rows);
  const lines = [
    `trace ${rows[0]?.span.traceId}: ${rows.length} spans, ${new Set(rows.map((row) => row.span.service)).size} services, ${formatMs(totalMs)}`,
  ];
  for (const { span, depth, offsetMs } of rows) {
    const from = Math.floor((offsetMs / totalMs) * barWidth);
    const length = Math.max(1, Math.round((span.durationMs / totalMs) * barWidth));
    const bar = `${' '.repeat(from)}${'█'.repeat(Math.min(length, barWidth - from))}`.padEnd(
      barWidth,
    );
    const details = shownAttributes
      .filter((name) => span.attributes[name] !== undefined)
      .map((name) => `${name}=${String(span.attributes[name])}`);
    if (span.status.code === 'ERROR') details.push(`ERROR ${span.status.message ?? ''}`.trim());
    lines.push(
      `${formatMs(offsetMs).padStart(9)} ${formatMs(span.durationMs).padStart(9)} |${bar}| ${'  '.repeat(depth)}${span.service} ${span.kind.toLowerCase()} "${span.name}"${details.length ? `  ${details.join(' ')}` : ''}`,
    );
    for (const event of span.events) {
      const attributes = Object.entries(event.attributes)
        .map(([name, value]) => `${name}=${String(value)}`)
        .join(' ');
      lines.push(
        `${' '.repeat(9 + 1 + 9 + 2 + barWidth + 2)}${'  '.repeat(depth + 1)}· ${event.name} ${attributes}`.trimEnd(),
      );
    }
    if (span.links.length > 0) {
      lines.push(
        `${' '.repeat(9 + 1 + 9 + 2 + barWidth + 2)}${'  '.repeat(depth + 1)}↗ links to ${span.links.length} span(s)`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** How long the rows take from the first start to the last end (at least a microsecond). */
export function spanOfRows(rows: readonly WaterfallRow[]): number {
  let totalMs = 1e-3;
  for (const row of rows) totalMs = Math.max(totalMs, row.offsetMs + row.span.durationMs);
  return totalMs;
}

function formatMs(ms: number): string {
  return ms >= 1_000 ? `${(ms / 1_000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}
