import { ConfigResourceTypes, type Admin } from 'kafkajs';
import type { OutgoingEvent } from '@fieldline/platform-kafka';
import type { AvroSerde } from '@fieldline/platform-registry';
import { uniqueName } from '@fieldline/testing';
import type { KafkaSession } from './kafka';

/** Makes the broker refuse record batches of `topic` over `bytes` (max.message.bytes). */
export async function limitBatchSize(admin: Admin, topic: string, bytes: number): Promise<void> {
  await admin.alterConfigs({
    validateOnly: false,
    resources: [
      {
        type: ConfigResourceTypes.TOPIC,
        name: topic,
        configEntries: [{ name: 'max.message.bytes', value: String(bytes) }],
      },
    ],
  });
}

/**
 * The pattern a handler publishes for an observation of `value`: it carries `value` evidence
 * ids of about 10 bytes each, so the observation's value sets the size of the output.
 */
export function patternSizedBy(regionId: string, value: number): OutgoingEvent<'patterns'> {
  return {
    type: 'dev.fieldline.patterns.PatternDetected',
    patternId: `pattern-${value}`,
    regionId,
    kind: 'THRESHOLD_EXCEEDANCE',
    metrics: ['HEAT_INDEX'],
    phase: 'EMERGING',
    strength: 1,
    confidence: 1,
    window: { start: 0, end: 0 },
    evidenceIds: Array.from({ length: value }, (_, index) => `evidence-${index}`),
  };
}

/** The pattern ids on `topic` (read_committed), once at least `count` were written. */
export async function patternIdsOn(
  session: KafkaSession,
  serde: AvroSerde,
  topic: string,
  count: number,
): Promise<string[]> {
  const written = await session.consumeAll(topic, uniqueName('peek'), count);
  return Promise.all(
    written.map(async ({ message, partition }) => {
      const decoded = await serde.decode<{ patternId: string }>(message.value, {
        topic,
        partition,
        offset: message.offset,
      });
      return decoded.value.patternId;
    }),
  );
}
