import { FieldlineError } from '@fieldline/shared-errors';
import { uniqueName, waitFor } from '@fieldline/testing';
import { observationEvent, patternFromObservation } from '../support/observations';
import { freshTopics, testRuntime } from '../support/runtime';

describe('request/response over topics', () => {
  it('answers each request with its own reply and times out when nobody answers', async () => {
    const topics = await freshTopics('observations', 'patterns');
    const responderRuntime = testRuntime('responder', topics);
    const replies = responderRuntime.publisher({ lingerMs: 0 });
    await responderRuntime
      .consumer({ groupId: uniqueName('responder'), topics: ['observations'] })
      .on('dev.fieldline.observations.ObservationRecorded', async (handled) => {
        const { event } = handled;
        if (event.source === 'unanswered') return;
        await replies.reply<'patterns'>(
          handled,
          { regionId: event.regionId },
          patternFromObservation(event, 'ANOMALY'),
        );
      })
      .start();

    const requesterRuntime = testRuntime('requester', topics);
    const requester = requesterRuntime.requester({ replyTopic: 'patterns' });
    try {
      await requester.start();
      const answered = await Promise.all(
        Array.from({ length: 20 }, async (_, index) => {
          const reply = await requester.request(
            'observations',
            { regionId: `r-${index % 4}` },
            observationEvent({ regionId: `r-${index % 4}`, value: index / 20 }),
            { timeoutMs: 30_000 },
          );
          return { index, reply };
        }),
      );
      for (const { index, reply } of answered) {
        expect(reply.type).toBe('dev.fieldline.patterns.PatternDetected');
        if (reply.type !== 'dev.fieldline.patterns.PatternDetected') continue;
        // Each reply answers its own request: same strength, and it names the request.
        expect(reply.event.strength).toBe(index / 20);
        expect(reply.event.evidenceIds).toEqual([reply.requestId]);
        expect(reply.event.envelope.causationId).toBe(reply.requestId);
      }
      expect(new Set(answered.map(({ reply }) => reply.requestId)).size).toBe(20);

      const unanswered = requester.request(
        'observations',
        { regionId: 'r-0' },
        observationEvent({ source: 'unanswered' }),
        { timeoutMs: 1_500 },
      );
      await expect(unanswered).rejects.toThrow(FieldlineError);
      await expect(unanswered).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT', retriable: true });
      await expect(unanswered).rejects.toThrow(
        /No reply to .*ObservationRecorded .* within 1500 ms/,
      );
    } finally {
      await requesterRuntime.stop();
      await responderRuntime.stop();
    }
  });
});

describe('fan-out to several consumer groups', () => {
  it('gives every group every event, and one failing group does not hold back another', async () => {
    const total = 300;
    const topics = await freshTopics('observations');
    const runtime = testRuntime('fan-out', topics);
    const delivered = new Set<string>();
    const fanOut = runtime
      .fanOut({ topics: ['observations'], retry: { attemptsInProcess: 1 } })
      .group(uniqueName('webhooks'), (runner) =>
        runner.on('dev.fieldline.observations.ObservationRecorded', async () => {
          throw new FieldlineError('PERMANENT_FAILURE', 'the webhook receiver refuses everything');
        }),
      )
      .group(uniqueName('live-stream'), (runner) =>
        runner.on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
          delivered.add(event.envelope.eventId);
        }),
      );
    try {
      await fanOut.start();
      const published = await runtime.publisher().publishBatch(
        'observations',
        Array.from({ length: total }, (_, index) => ({
          key: { regionId: `r-${index % 5}` },
          event: observationEvent({ value: index }),
        })),
      );
      await waitFor(
        () =>
          delivered.size >= total &&
          Object.values(fanOut.stats()).some((s) => s.deadLettered >= total),
        {
          description: 'every event delivered to one group and dead-lettered by the other',
          timeoutMs: 90_000,
        },
      );
      expect([...delivered].sort()).toEqual(published.map((entry) => entry.eventId).sort());
      expect(
        Object.values(fanOut.stats())
          .map((stats) => [stats.handled, stats.deadLettered])
          .sort(),
      ).toEqual([
        [0, total],
        [total, 0],
      ]);
    } finally {
      await runtime.stop();
    }
  });
});
