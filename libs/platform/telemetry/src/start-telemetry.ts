import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InstrumentType,
  PeriodicExportingMetricReader,
  type MetricReader,
} from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOffSampler,
  NoopSpanProcessor,
  ParentBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { exportPlan, type ExportPlan } from './export-plan';
import { localHistogramProducer } from './local-histograms';
import { resourceAttributes } from './resource-attributes';

/** Requests that are not work: probes and scrapes would otherwise drown the traces. */
const unobservedPaths = new Set(['/healthz', '/readyz', '/metrics', '/stats']);

export interface Telemetry {
  /** Serves the service's metrics in the Prometheus text format. */
  readonly metricsHandler: (request: IncomingMessage, response: ServerResponse) => void;
  /** Flushes what is buffered and stops exporting, giving up after `timeoutMs` (5 s). */
  shutdown(timeoutMs?: number): Promise<void>;
}

let started: Telemetry | undefined;

/**
 * Starts the OpenTelemetry SDK for a service. Call it from a module the service's main file
 * imports first: the instrumentations patch http, express, pg and undici as they load, so
 * anything loaded earlier is not traced.
 */
export function startTelemetry(
  service: { readonly name: string; readonly version?: string },
  env: NodeJS.ProcessEnv = process.env,
): Telemetry {
  if (started) return started;
  // The stable HTTP conventions (http.server.request.duration...) unless the operator chose.
  env['OTEL_SEMCONV_STABILITY_OPT_IN'] ??= 'http';
  const plan = exportPlan(env);
  const prometheus = new PrometheusExporter({
    preventServerStart: true,
    metricProducers: [localHistogramProducer()],
  });
  const sdk = new NodeSDK({
    resource: resourceFromAttributes(
      resourceAttributes({ name: service.name, version: service.version ?? versionOf(env) }, env),
    ),
    // Undefined: the SDK builds the OTLP (or console) exporter from OTEL_* itself. Exporting
    // nothing, a tracer still runs that records nothing but makes trace ids, so requests and
    // records still carry a trace context and log lines a trace_id.
    ...(plan.traces === 'none'
      ? {
          spanProcessors: [new NoopSpanProcessor()],
          sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }),
        }
      : {}),
    metricReaders: [prometheus, ...otlpMetricReaders(plan)],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) =>
          unobservedPaths.has((request.url ?? '').split('?')[0] ?? ''),
      }),
      // The route's handler only: a span per router and middleware passed is noise.
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.ROUTER, ExpressLayerType.MIDDLEWARE],
      }),
      new UndiciInstrumentation(),
      // Pool upkeep and startup DDL outside any request or record are not worth a trace each.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  started = {
    metricsHandler: (request, response) => prometheus.getMetricsRequestHandler(request, response),
    // An unreachable collector must not hold the pod past its termination grace period.
    shutdown: (timeoutMs = 5_000) =>
      Promise.race([sdk.shutdown(), sleep(timeoutMs)]).catch(() => undefined),
  };
  return started;
}

/** The telemetry startTelemetry set up in this process, if any. */
export function runningTelemetry(): Telemetry | undefined {
  return started;
}

function otlpMetricReaders(plan: ExportPlan): MetricReader[] {
  if (!plan.otlpMetrics) return [];
  const exporter =
    plan.protocol === 'grpc'
      ? new GrpcMetricExporter()
      : plan.protocol === 'http/json'
        ? new JsonMetricExporter()
        : new ProtobufMetricExporter();
  const temporality = () => exporter.selectAggregationTemporality(InstrumentType.HISTOGRAM);
  return [
    new PeriodicExportingMetricReader({
      exporter,
      metricProducers: [localHistogramProducer({ temporality })],
    }),
  ];
}

/** FIELDLINE_VERSION (the image tag, in a deployment), else the workspace's version. */
function versionOf(env: NodeJS.ProcessEnv): string {
  if (env['FIELDLINE_VERSION']) return env['FIELDLINE_VERSION'];
  try {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
