import { Writable } from 'node:stream';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { exportPlan } from './export-plan';
import { createLogger } from './logger';
import { resourceAttributes } from './resource-attributes';

describe('exportPlan', () => {
  it.each([
    [{}, { traces: 'none', otlpMetrics: false, protocol: 'http/protobuf' }],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
      { traces: 'otlp', otlpMetrics: true, protocol: 'http/protobuf' },
    ],
    [
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' },
      { traces: 'otlp', otlpMetrics: false, protocol: 'http/protobuf' },
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_METRICS_EXPORTER: 'none' },
      { traces: 'otlp', otlpMetrics: false, protocol: 'http/protobuf' },
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' },
      { traces: 'none', otlpMetrics: true, protocol: 'http/protobuf' },
    ],
    [{ OTEL_TRACES_EXPORTER: 'console' }, { traces: 'console', otlpMetrics: false }],
    [
      { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_METRICS_EXPORTER: 'otlp' },
      { protocol: 'grpc', otlpMetrics: true },
    ],
  ])('reads %j', (env, expected) => {
    expect(exportPlan(env)).toMatchObject(expected);
  });

  it('names an unknown protocol', () => {
    expect(() => exportPlan({ OTEL_EXPORTER_OTLP_PROTOCOL: 'udp' })).toThrow(
      'OTEL_EXPORTER_OTLP_PROTOCOL is "udp"; expected one of http/protobuf, http/json, grpc',
    );
  });
});

describe('resourceAttributes', () => {
  it('describes the service, and the pod it runs in when Kubernetes says so', () => {
    expect(
      resourceAttributes(
        { name: 'notifier', version: '1.2.3' },
        {
          FIELDLINE_ENVIRONMENT: 'production',
          K8S_POD_NAME: 'notifier-7d9f-abcde',
          K8S_NAMESPACE_NAME: 'fieldline',
          K8S_NODE_NAME: 'node-1',
        },
      ),
    ).toEqual({
      'service.name': 'notifier',
      'service.namespace': 'fieldline',
      'service.version': '1.2.3',
      'service.instance.id': 'notifier-7d9f-abcde',
      'deployment.environment.name': 'production',
      'k8s.pod.name': 'notifier-7d9f-abcde',
      'k8s.namespace.name': 'fieldline',
      'k8s.node.name': 'node-1',
    });
  });

  it('leaves out what the environment does not say', () => {
    expect(Object.keys(resourceAttributes({ name: 'cli', version: '0' }, {})).sort()).toEqual([
      'deployment.environment.name',
      'service.name',
      'service.namespace',
      'service.version',
    ]);
  });
});

describe('createLogger', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const manager = new AsyncLocalStorageContextManager().enable();
  beforeAll(() => context.setGlobalContextManager(manager));
  afterAll(() => context.disable());
  beforeEach(() => (lines.length = 0));

  it('writes JSON lines with the trace and span of the work that logged', () => {
    const logger = createLogger('notifier', {}, sink);
    const span = trace.wrapSpanContext({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    context.with(trace.setSpan(context.active(), span), () => logger.info({ topic: 'x' }, 'sent'));
    logger.warn('outside any trace');
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({
      level: 'info',
      service: 'notifier',
      message: 'sent',
      topic: 'x',
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
    });
    expect(outside).toMatchObject({ level: 'warn', message: 'outside any trace' });
    expect(outside).not.toHaveProperty('trace_id');
  });

  it('logs at the level LOG_LEVEL sets, and names a bad one', () => {
    const logger = createLogger('notifier', { LOG_LEVEL: 'warn' }, sink);
    logger.info('hidden');
    logger.error('shown');
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual([
      'shown',
    ]);
    expect(() => createLogger('notifier', { LOG_LEVEL: 'loud' }, sink)).toThrow(
      'LOG_LEVEL is "loud"; expected one of fatal, error, warn, info, debug, trace, silent',
    );
  });
});
