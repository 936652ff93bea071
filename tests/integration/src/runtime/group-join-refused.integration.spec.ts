import { uniqueName, waitFor } from '@fieldline/testing';
import { observationEvent } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';

// The broker's group.min.session.timeout.ms is 6 s: a member asking for 1 s is refused.
const refusedSessionTimeoutMs = 1_000;

describe('a consumer the group refuses', () => {
  it("fails start() with the broker's reason, leaves nothing running, and a fixed one starts", async () => {
    const topics = await freshTopics('observations', 'patterns');
    const runtime = testRuntime('join-refused', topics);
    const groupId = uniqueName('join-refused');
    try {
      const refused = runtime.consumer({
        groupId,
        topics: ['observations'],
        sessionTimeoutMs: refusedSessionTimeoutMs,
        heartbeatIntervalMs: 200,
      });
      await expect(refused.start()).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        retriable: false,
        message: expect.stringContaining('INVALID_SESSION_TIMEOUT'),
      });
      expect(refused.stats().joined).toBe(false);

      const stage = runtime.exactlyOnce({
        groupId: uniqueName('join-refused-stage'),
        topics: ['observations'],
        sessionTimeoutMs: refusedSessionTimeoutMs,
        heartbeatIntervalMs: 200,
      });
      await expect(stage.start()).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('INVALID_SESSION_TIMEOUT'),
      });

      // Settings kafkajs refuses before asking the broker fail start() the same way.
      const unworkable = runtime.consumer({
        groupId,
        topics: ['observations'],
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 20_000,
      });
      await expect(unworkable.start()).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('heartbeatInterval'),
      });

      const handled: number[] = [];
      const fixed = runtime
        .consumer({ groupId, topics: ['observations'] })
        .on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
          handled.push(event.value);
        });
      await fixed.start();
      // start() resolved: the member has joined and holds its partitions.
      expect(fixed.stats().joined).toBe(true);
      expect(fixed.stats().assigned).toBeGreaterThan(0);
      await runtime
        .publisher()
        .publish('observations', { regionId: 'r-05-05' }, observationEvent({ value: 7 }));
      await waitFor(() => handled.includes(7), { description: 'the event handled' });
    } finally {
      await runtime.stop();
    }
  });
});
