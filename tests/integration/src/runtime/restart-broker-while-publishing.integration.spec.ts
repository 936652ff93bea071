import { setTimeout as sleep } from 'node:timers/promises';
import { createStack, silentProgress } from '@fieldline/stack';
import { uniqueName, waitFor } from '@fieldline/testing';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';

describe('publishing through a 10-second broker outage', () => {
  const stack = createStack({ progress: silentProgress });

  it('writes every acknowledged event exactly once and nothing it did not acknowledge', async () => {
    const topics = await freshTopics('observations');
    const runtime = testRuntime('outage-publisher', topics);
    const publisher = runtime.publisher({ lingerMs: 5, deliveryTimeoutMs: 60_000 });
    const acknowledged = new Set<string>();
    const failures = new Map<string, string>();
    const pending: Promise<void>[] = [];
    let publishing = true;

    const produce = (async () => {
      for (let index = 0; publishing; index += 1) {
        const eventId = `outage-${index}`;
        pending.push(
          publisher
            .publish(
              'observations',
              { regionId: `r-${index % 12}` },
              observationEvent({ value: index }),
              { eventId },
            )
            .then(
              () => void acknowledged.add(eventId),
              (error: unknown) => void failures.set(eventId, String(error)),
            ),
        );
        await sleep(5);
      }
    })();

    await waitFor(() => acknowledged.size >= 200, {
      description: 'publishing under way',
      timeoutMs: 30_000,
    });
    await stack.down(['kafka']);
    await sleep(10_000);
    await stack.up();
    await waitFor(() => acknowledged.size >= 200 + pending.length / 2, {
      description: 'publishing to resume after the broker came back',
      timeoutMs: 120_000,
    });
    publishing = false;
    await produce;
    await Promise.all(pending);

    const seen: string[] = [];
    const consumer = runtime
      .consumer({ groupId: uniqueName('outage-reader'), topics: ['observations'] })
      .on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
        seen.push(event.envelope.eventId);
      });
    await consumer.start();
    try {
      await waitFor(() => seen.length >= acknowledged.size, {
        description: `${acknowledged.size} acknowledged events read back (have ${seen.length})`,
        timeoutMs: 120_000,
      });
      await sleep(2_000);
      // The outage is well inside the 60-second delivery budget, so no publish may fail at all.
      expect([...failures].map(([eventId, error]) => `${eventId}: ${error}`)).toEqual([]);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...acknowledged].filter((eventId) => !seen.includes(eventId))).toEqual([]);
      // A written event reported as failed, with the error its publisher saw.
      expect(
        seen
          .filter((eventId) => !acknowledged.has(eventId))
          .map((eventId) => `${eventId}: ${failures.get(eventId) ?? 'still pending'}`),
      ).toEqual([]);
    } finally {
      await runtime.stop();
    }
  });
});
