import type { StoredSpan } from './otlp-json';

export interface TraceSummary {
  readonly traceId: string;
  readonly root: string;
  readonly services: readonly string[];
  readonly spanCount: number;
  readonly startMs: number;
  readonly durationMs: number;
  readonly errors: number;
}

/**
 * The spans received, grouped by trace, oldest traces forgotten first once `maxSpans` are
 * held: a developer's window onto recent traffic, not an archive.
 */
export class SpanStore {
  private readonly traces = new Map<string, StoredSpan[]>();
  private count = 0;

  constructor(private readonly maxSpans = 200_000) {}

  add(spans: readonly StoredSpan[]): void {
    for (const span of spans) {
      const trace = this.traces.get(span.traceId);
      if (trace) trace.push(span);
      else this.traces.set(span.traceId, [span]);
      this.count += 1;
    }
    for (const [traceId, spansOfTrace] of this.traces) {
      if (this.count <= this.maxSpans) break;
      this.traces.delete(traceId);
      this.count -= spansOfTrace.length;
    }
  }

  /** A trace's spans in start order; empty when unknown. */
  trace(traceId: string): StoredSpan[] {
    return [...(this.traces.get(traceId.toLowerCase()) ?? [])].sort(
      (a, b) => a.startMs - b.startMs,
    );
  }

  /** Every span matching `where`, across traces. */
  find(where: (span: StoredSpan) => boolean): StoredSpan[] {
    const found: StoredSpan[] = [];
    for (const spans of this.traces.values())
      for (const span of spans) if (where(span)) found.push(span);
    return found;
  }

  /** The newest traces first. */
  summaries(limit = 50): TraceSummary[] {
    return [...this.traces.keys()]
      .reverse()
      .slice(0, limit)
      .map((traceId) => summarize(traceId, this.trace(traceId)));
  }
}

function summarize(traceId: string, spans: readonly StoredSpan[]): TraceSummary {
  const ids = new Set(spans.map((span) => span.spanId));
  const root = spans.find((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
  // Loops, not Math.min(...spans): a spread of 100,000+ arguments overflows the stack.
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const span of spans) {
    startMs = Math.min(startMs, span.startMs);
    endMs = Math.max(endMs, span.startMs + span.durationMs);
  }
  return {
    traceId,
    root: root ? `${root.service}: ${root.name}` : '(no root)',
    services: [...new Set(spans.map((span) => span.service))],
    spanCount: spans.length,
    startMs,
    durationMs: endMs - startMs,
    errors: spans.filter((span) => span.status.code === 'ERROR').length,
  };
}
