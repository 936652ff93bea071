export { decodeTraceExport, InvalidExport, type StoredSpan, type SpanKindName } from './otlp-json';
export { SpanStore, type TraceSummary } from './span-store';
export { startTraceReceiver, type TraceReceiver } from './trace-receiver';
export { ancestry, renderWaterfall, waterfallRows, type WaterfallRow } from './waterfall';
