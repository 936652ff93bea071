import { randomUUID } from 'node:crypto';
import { recordSchemas, type Envelope, type ObservationRecorded } from '@fieldline/contracts';
import {
  KafkaRuntime,
  type BrokerPort,
  type KafkaRuntimeOptions,
  type OutgoingEvent,
  type OutgoingRecord,
} from '@fieldline/platform-kafka';
import { Type } from 'avsc';

export const observationType = 'dev.fieldline.observations.ObservationRecorded' as const;
const wireHeaderBytes = 5;
const regions = Array.from({ length: 64 }, (_, index) => `region-${index}`);

export interface CorpusEntry {
  readonly key: { readonly regionId: string };
  readonly event: OutgoingEvent<'observations'>;
}

function observation(index: number, padding: string): CorpusEntry {
  const regionId = regions[index % regions.length] as string;
  return {
    key: { regionId },
    event: {
      type: observationType,
      source: `station-${index % 97}`,
      regionId,
      metric: index % 2 === 0 ? 'HEAT_INDEX' : 'FLOOD_RISK',
      value: (index % 1000) / 10,
      unit: 'index',
      observedAt: 1_767_225_600_000 + index * 1000,
      attributes: padding.length > 0 ? { notes: padding } : {},
      confidence: 0.9,
    },
  };
}

export function stamped(event: OutgoingEvent<'observations'>): ObservationRecorded {
  const { type, ...fields } = event;
  const eventId = randomUUID();
  const envelope: Envelope = {
    eventId,
    eventType: type,
    schemaVersion: 2,
    occurredAt: Date.now(),
    producer: 'bench',
    correlationId: eventId,
    causationId: null,
  };
  return { envelope, ...fields } as ObservationRecorded;
}

/**
 * `count` ObservationRecorded events whose encoded value (wire header included) is exactly
 * `valueBytes` long, spread over 64 region keys; the padding goes into a free-form attribute.
 */
export function observationCorpus(valueBytes: number, count = 1000): CorpusEntry[] {
  const type = Type.forSchema(recordSchemas[observationType] as never);
  const sizeWith = (padding: string) =>
    wireHeaderBytes + type.toBuffer(stamped(observation(0, padding).event)).length;
  let padding = '';
  for (let step = 0; step < 8 && sizeWith(padding) !== valueBytes; step += 1) {
    const missing = valueBytes - sizeWith(padding);
    padding = 'x'.repeat(Math.max(0, padding.length + missing));
  }
  if (sizeWith(padding) !== valueBytes) {
    throw new Error(
      `No observation encodes to exactly ${valueBytes} bytes (smallest is ${sizeWith('')})`,
    );
  }
  return Array.from({ length: count }, (_, index) => observation(index, padding));
}

/**
 * The records the runtime writes for a corpus (key, value and its identity and trace headers),
 * captured at its broker port, so the kafkajs baseline sends byte-identical records.
 */
export async function recordsOf(
  options: Omit<KafkaRuntimeOptions, 'broker'>,
  corpus: readonly CorpusEntry[],
): Promise<OutgoingRecord[]> {
  const captured: OutgoingRecord[] = [];
  const capturing = {
    producer: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async (records: readonly OutgoingRecord[]) => {
        captured.push(...records);
        return [];
      },
    }),
  } as unknown as BrokerPort;
  const runtime = new KafkaRuntime({ ...options, broker: capturing });
  await runtime.publisher().publishBatch('observations', corpus);
  await runtime.stop();
  return captured;
}
