import type { StoredSpan } from './otlp-json';
import type { TraceSummary } from './span-store';
import { spanOfRows, waterfallRows } from './waterfall';

const style = `body{font:13px system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}td,th{padding:2px 6px;text-align:left;vertical-align:top}
tr:nth-child(even){background:#f6f6f6}.lane{position:relative;width:40%;min-width:300px}
.bar{position:absolute;top:4px;height:12px;background:#4a78c2;border-radius:2px;min-width:2px}
.ERROR .bar{background:#c24a4a}.event{color:#666;font-size:12px}a{color:#2456a4}code{font-size:12px}`;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

export function traceListPage(traces: readonly TraceSummary[]): string {
  const rows = traces
    .map(
      (trace) =>
        `<tr><td><a href="/traces/${trace.traceId}">${trace.traceId}</a></td><td>${escape(trace.root)}</td><td>${trace.spanCount}</td><td>${trace.durationMs.toFixed(1)} ms</td><td>${escape(trace.services.join(', '))}</td><td>${trace.errors || ''}</td><td>${new Date(trace.startMs).toISOString()}</td></tr>`,
    )
    .join('');
  return page(
    'Fieldline traces',
    `<h1>Recent traces</h1><p>${traces.length} shown, newest first. Reload for more.</p><table><tr><th>trace</th><th>root</th><th>spans</th><th>duration</th><th>services</th><th>errors</th><th>started</th></tr>${rows}</table>`,
  );
}

export function tracePage(spans: readonly StoredSpan[]): string {
  const rows = waterfallRows(spans);
  if (rows.length === 0)
    return page(
      'Trace not found',
      '<p>No spans of this trace (yet). <a href="/">All traces</a></p>',
    );
  const totalMs = spanOfRows(rows);
  const body = rows
    .map(({ span, depth, offsetMs }) => {
      const left = (offsetMs / totalMs) * 100;
      const width = (span.durationMs / totalMs) * 100;
      const attributes = Object.entries(span.attributes)
        .map(([name, value]) => `${escape(name)}=${escape(String(value))}`)
        .join(' ');
      const events = span.events
        .map(
          (event) =>
            `<div class="event">· ${escape(event.name)} ${escape(
              Object.entries(event.attributes)
                .map(([n, v]) => `${n}=${String(v)}`)
                .join(' '),
            )}</div>`,
        )
        .join('');
      return `<tr class="${span.status.code}"><td style="padding-left:${depth * 14 + 6}px"><b>${escape(span.service)}</b> ${escape(span.name)} <small>${span.kind.toLowerCase()}</small>${events}</td><td>${span.durationMs.toFixed(2)} ms</td><td class="lane"><div class="bar" style="left:${left}%;width:${width}%"></div></td><td><code>${attributes}</code></td></tr>`;
    })
    .join('');
  return page(
    `Trace ${rows[0]?.span.traceId}`,
    `<p><a href="/">All traces</a> · <a href="/traces/${rows[0]?.span.traceId}.txt">as text</a></p><h1>Trace ${rows[0]?.span.traceId}</h1><p>${rows.length} spans, ${totalMs.toFixed(1)} ms</p><table><tr><th>span</th><th>duration</th><th>timeline</th><th>attributes</th></tr>${body}</table>`,
  );
}
