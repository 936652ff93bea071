import {
  parseObservation,
  type FieldProblem,
  type Observation,
} from '@fieldline/domain-observations';
import { HttpProblem } from '@fieldline/platform-http';
import { isPartial, type ObservationSink } from './observation-sink';
import type { Origin } from './observation-events';

/**
 * Validates every reading and publishes them only if all are valid, so a request is accepted
 * or refused as a whole; answers with what was acknowledged, or the problem that says which.
 */
export async function acceptReadings(
  sink: ObservationSink,
  inputs: readonly { readonly input: unknown; readonly path?: string }[],
  origin: Origin,
  now = Date.now(),
): Promise<readonly string[]> {
  const observations: Observation[] = [];
  const problems: FieldProblem[] = [];
  for (const { input, path } of inputs) {
    const parsed = parseObservation(input, { now, ...(path ? { path } : {}) });
    if (parsed.ok) observations.push(parsed.value);
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0) {
    throw new HttpProblem(
      422,
      'Invalid observation',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} found; nothing was accepted. ${problems[0]!.field}: ${problems[0]!.reason}`,
      { problems },
    );
  }
  const result = await sink.accept(observations, origin);
  if (!isPartial(result)) return result.eventIds;
  const accepted = result.eventIds.flatMap((eventId, index) =>
    eventId ? [{ index, eventId }] : [],
  );
  throw new HttpProblem(
    503,
    'Temporarily unavailable',
    `Kafka did not acknowledge ${result.failures.length} of ${observations.length} readings; retry those listed under "failed".`,
    {
      headers: { 'Retry-After': '5' },
      extensions: {
        accepted,
        failed: result.failures.map(({ index, error }) => ({
          index,
          reason: error instanceof Error ? error.message : String(error),
        })),
      },
    },
  );
}
