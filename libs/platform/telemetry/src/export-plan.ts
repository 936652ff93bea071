/** Where a service's spans and metrics go, read from the standard OTEL_* variables. */
export interface ExportPlan {
  /** Spans go to OTLP (the SDK reads endpoint, protocol, headers and timeout itself). */
  readonly traces: 'otlp' | 'console' | 'none';
  /** Metrics are pushed over OTLP besides being served at /metrics. */
  readonly otlpMetrics: boolean;
  readonly protocol: 'http/protobuf' | 'http/json' | 'grpc';
}

const protocols = ['http/protobuf', 'http/json', 'grpc'] as const;

/**
 * The SDK's own default exports to localhost:4318 whether or not anything listens there; a
 * service here exports only when an OTLP endpoint is configured or OTEL_TRACES_EXPORTER /
 * OTEL_METRICS_EXPORTER asks for it, so a laptop without a collector pays nothing for spans
 * nobody receives. Trace context is propagated either way.
 */
export function exportPlan(env: NodeJS.ProcessEnv): ExportPlan {
  const endpoint = (signal: 'TRACES' | 'METRICS') =>
    Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env[`OTEL_EXPORTER_OTLP_${signal}_ENDPOINT`]);
  const listed = (name: string) =>
    (env[name] ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);

  const traceExporters = listed('OTEL_TRACES_EXPORTER');
  const traces =
    traceExporters.length === 0
      ? endpoint('TRACES')
        ? 'otlp'
        : 'none'
      : traceExporters.includes('otlp')
        ? 'otlp'
        : traceExporters.includes('console')
          ? 'console'
          : 'none';

  const metricExporters = listed('OTEL_METRICS_EXPORTER');
  const otlpMetrics =
    metricExporters.length === 0 ? endpoint('METRICS') : metricExporters.includes('otlp');

  const protocol = (env['OTEL_EXPORTER_OTLP_METRICS_PROTOCOL'] ||
    env['OTEL_EXPORTER_OTLP_PROTOCOL'] ||
    'http/protobuf') as ExportPlan['protocol'];
  if (!protocols.includes(protocol)) {
    throw new Error(
      `OTEL_EXPORTER_OTLP_PROTOCOL is "${protocol}"; expected one of ${protocols.join(', ')}`,
    );
  }
  return { traces, otlpMetrics, protocol };
}
