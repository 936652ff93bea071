import type { TopicName } from '@fieldline/contracts';
import { uniqueName } from '@fieldline/testing';
import { observationEvent } from './observations';
import { testRuntime } from './runtime';

type TopicNames = Partial<Record<TopicName, string>>;

const regions = Array.from({ length: 24 }, (_, index) => ({ regionId: `r-${index}` }));

/** Writes `total` observations over 24 regions; resolves with their event ids. */
export async function seedObservations(topics: TopicNames, total: number): Promise<string[]> {
  const seeder = testRuntime('exactly-once-seeder', topics);
  const publisher = seeder.publisher();
  const inputIds: string[] = [];
  try {
    for (let start = 0; start < total; start += 500) {
      const entries = Array.from({ length: Math.min(500, total - start) }, (_, index) => ({
        key: regions[(start + index) % regions.length] as { regionId: string },
        event: observationEvent({ value: (start + index) / total }),
      }));
      const written = await publisher.publishBatch('observations', entries);
      inputIds.push(...written.map((entry) => entry.eventId));
    }
  } finally {
    await seeder.stop();
  }
  return inputIds;
}

/** What a read_committed reader of the stage's output sees, counted per input event. */
export interface CommittedOutputs {
  readonly perInput: ReadonlyMap<string, number>;
  readonly count: () => number;
  readonly stop: () => Promise<boolean>;
}

/** Starts a read_committed reader of `patterns` that counts outputs by their causation id. */
export async function readCommittedOutputs(topics: TopicNames): Promise<CommittedOutputs> {
  const perInput = new Map<string, number>();
  let outputs = 0;
  const reader = testRuntime('exactly-once-reader', topics);
  await reader
    .consumer({ groupId: uniqueName('committed-reader'), topics: ['patterns'] })
    .on('dev.fieldline.patterns.PatternDetected', async ({ event }) => {
      const input = event.envelope.causationId ?? 'none';
      perInput.set(input, (perInput.get(input) ?? 0) + 1);
      outputs += 1;
    })
    .start();
  return { perInput, count: () => outputs, stop: () => reader.stop() };
}
