import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * JSON lines on stderr, each carrying the trace and span of the work that wrote it, at the level
 * LOG_LEVEL names (info by default).
 */
export function createLogger(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  const level = (env['LOG_LEVEL'] || 'info').toLowerCase();
  if (!levels.includes(level)) {
    throw new Error(`LOG_LEVEL is "${env['LOG_LEVEL']}"; expected one of ${levels.join(', ')}`);
  }
  return pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const span = trace.getActiveSpan()?.spanContext();
        return span && span.traceId !== invalidTraceId
          ? { trace_id: span.traceId, span_id: span.spanId, trace_flags: `0${span.traceFlags}` }
          : {};
      },
    },
    destination,
  );
}

const invalidTraceId = '00000000000000000000000000000000';
