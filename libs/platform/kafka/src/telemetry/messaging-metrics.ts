import { metrics, type Attributes, type Meter } from '@opentelemetry/api';
import { localHistogram } from '@fieldline/platform-metrics';
import { FieldlineError } from '@fieldline/shared-errors';
import type { OutgoingRecord } from '../port/broker-port';
import { eventHeaders } from '../envelope/event-headers';
import { fieldline, kafkaSystem, messaging } from './messaging-attributes';

/**
 * The instruments every runtime part records to; listed with their alerts in
 * docs/observability.md. Made on first use, not at load: a meter taken before the SDK is
 * registered stays a no-op for good.
 */
export function messagingMetrics(): MessagingMetrics {
  instruments ??= createInstruments(metrics.getMeter(meterName));
  return instruments;
}

const meterName = '@fieldline/platform-kafka';

type MessagingMetrics = ReturnType<typeof createInstruments>;
let instruments: MessagingMetrics | undefined;

const createInstruments = (meter: Meter) => ({
  consumedCounts: observedConsumedCounts(meter),
  sent: meter.createCounter('messaging.client.sent.messages', {
    description: 'Records written (or refused: error.type set) by topic and event type',
    unit: '{message}',
  }),
  failed: meter.createCounter('fieldline.messaging.failed.messages', {
    description: 'Records whose handler failed for good here: sent to a retry topic or the DLQ',
    unit: '{message}',
  }),
  retries: meter.createCounter('fieldline.messaging.retries', {
    description: 'Handler retries: in process (backoff) and through retry topics',
    unit: '{retry}',
  }),
  deadLettered: meter.createCounter('fieldline.messaging.dead_lettered.messages', {
    description: 'Records moved to a dead-letter topic',
    unit: '{message}',
  }),
});

/**
 * How long handling one record took, retries in process included: recorded for every record,
 * so aggregated in process and reported by the telemetry SDK (see @fieldline/platform-metrics).
 */
export const processDurations = localHistogram({
  scope: meterName,
  name: 'messaging.process.duration',
  description: 'How long handling one record took, retries in process included',
  unit: 's',
  boundaries: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
});

/**
 * Counts written records by topic and event type: one add per distinct pair in the batch
 * rather than one per record, and no key built per record.
 */
export function countSent(records: readonly OutgoingRecord[], error?: unknown): void {
  const counts = new Map<string, Map<string, number>>();
  for (const record of records) {
    const type = record.headers[eventHeaders.eventType] ?? 'unknown';
    let ofTopic = counts.get(record.topic);
    if (!ofTopic) counts.set(record.topic, (ofTopic = new Map()));
    ofTopic.set(type, (ofTopic.get(type) ?? 0) + 1);
  }
  for (const [topic, ofTopic] of counts) {
    for (const [type, count] of ofTopic) {
      const attributes: Attributes = {
        [messaging.system]: kafkaSystem,
        [messaging.destination]: topic,
        [fieldline.eventType]: type,
      };
      if (error !== undefined) attributes[messaging.errorType] = errorTypeOf(error);
      messagingMetrics().sent.add(count, attributes);
    }
  }
}

/** A FieldlineError's code, else the error's class name. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof FieldlineError) return error.code;
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Records handed to a handler, counted in a map per attribute set (the callers pass one
 * object per topic and event type) and reported when metrics are collected: a counter's
 * add() costs a few microseconds per record, a map update next to nothing.
 */
export function countConsumed(attributes: Attributes, records = 1): void {
  const counts = messagingMetrics().consumedCounts;
  counts.set(attributes, (counts.get(attributes) ?? 0) + records);
}

function observedConsumedCounts(meter: Meter): Map<Attributes, number> {
  const counts = new Map<Attributes, number>();
  meter
    .createObservableCounter('messaging.client.consumed.messages', {
      description: 'Records handed to a handler, by topic, consumer group and event type',
      unit: '{message}',
    })
    .addCallback((result) => {
      // Equal attribute sets from different processors (a restarted runner) are one series.
      const totals = new Map<string, { attributes: Attributes; count: number }>();
      for (const [attributes, count] of counts) {
        const key = JSON.stringify(attributes);
        const total = totals.get(key);
        if (total) total.count += count;
        else totals.set(key, { attributes, count });
      }
      for (const { attributes, count } of totals.values()) result.observe(count, attributes);
    });
  return counts;
}
