import type { EachPublished, Publisher } from '@fieldline/platform-kafka';
import { FieldlineError } from '@fieldline/shared-errors';
import { HttpProblem } from '@fieldline/platform-http';
import { acceptReadings } from './accept-readings';
import { ObservationSink } from './observation-sink';

const reading = (regionId: string) => ({
  input: {
    source: 'station-7',
    regionId,
    metric: 'flood_risk',
    value: 0.4,
    unit: 'index',
    observedAt: '2026-12-01T10:00:00Z',
  },
});

/** A sink whose publisher answers every publishEach with `outcome`. */
const sinkAnswering = (outcome: (count: number) => EachPublished) =>
  new ObservationSink({
    publishEach: async (_topic: string, entries: readonly unknown[]) => outcome(entries.length),
  } as unknown as Publisher);

async function problemOf(work: Promise<unknown>): Promise<HttpProblem> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof HttpProblem)) throw new Error(`expected an HttpProblem, got ${error}`);
  return error;
}

describe('acceptReadings', () => {
  it('answers with every event id once Kafka acknowledged every reading', async () => {
    const sink = sinkAnswering((count) => ({
      published: Array.from({ length: count }, (_, index) => ({
        eventId: `e-${index}`,
        topic: 'observations',
      })),
      failures: [],
    }));
    await expect(
      acceptReadings(sink, [reading('r-01-01'), reading('r-01-02')], { correlationId: 'c' }),
    ).resolves.toEqual(['e-0', 'e-1']);
  });

  it('answers 503 naming which readings were written and which were not, and why', async () => {
    const down = new FieldlineError('BROKER_UNAVAILABLE', 'Kafka did not answer');
    const sink = sinkAnswering(() => ({
      published: [{ eventId: 'e-0', topic: 'observations' }, undefined, undefined],
      failures: [
        { index: 1, error: down },
        { index: 2, error: down },
      ],
    }));
    const problem = await problemOf(
      acceptReadings(sink, ['r-01-01', 'r-01-02', 'r-01-03'].map(reading), {
        correlationId: 'c',
      }),
    );
    expect(problem.status).toBe(503);
    expect(problem.headers).toEqual({ 'Retry-After': '5' });
    expect(problem.extensions).toEqual({
      accepted: [{ index: 0, eventId: 'e-0' }],
      failed: [
        { index: 1, reason: 'Kafka did not answer' },
        { index: 2, reason: 'Kafka did not answer' },
      ],
    });
  });
});
