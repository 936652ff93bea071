import type { MetricName } from '@fieldline/domain-observations';
import type { PatternSighting, RelationshipChange } from './relationship';
import { Neighbourhood } from './relationship-detector';

const hour = 3_600_000;
const seen = (
  patternId: string,
  regionId: string,
  at: number,
  patch: Partial<PatternSighting> = {},
): PatternSighting => ({
  patternId,
  regionId,
  kind: 'THRESHOLD_EXCEEDANCE',
  strength: 0.6,
  dissolved: false,
  at,
  ...patch,
});
const detected = (
  patternId: string,
  regionId: string,
  metric: MetricName,
  at: number,
  strength = 0.6,
) => seen(patternId, regionId, at, { metrics: [metric], strength });

/** The heat wave in r-02-02 and the drought next door in r-02-03, as the patterns topic has them. */
const story: PatternSighting[] = [
  detected('heat', 'r-02-02', 'HEAT_INDEX', 0, 0.3),
  detected('drought', 'r-02-03', 'DROUGHT_INDEX', 2 * hour, 0.4),
  seen('heat', 'r-02-02', 4 * hour, { strength: 0.8 }),
  seen('drought', 'r-02-03', 30 * hour, { dissolved: true }),
];

/** Each change as its type, the relationship's kind and whether it dissolved. */
function outline(changes: RelationshipChange[]) {
  return changes.map((c) => [c.type, c.relationship.kind, c.type === 'changed' && c.dissolved]);
}

function run(anchor: string, sightings: PatternSighting[]): RelationshipChange[] {
  const neighbourhood = new Neighbourhood(anchor);
  return sightings.flatMap((s) => neighbourhood.sight(s));
}

describe('Neighbourhood', () => {
  it('forms one AMPLIFIES between the neighbours, follows its strength, and dissolves it', () => {
    const changes = run('r-02-02', story);
    expect(
      changes.map((c) => [
        c.type,
        c.relationship.kind,
        c.relationship.strength,
        c.type === 'changed' && c.dissolved,
      ]),
    ).toEqual([
      ['formed', 'AMPLIFIES', 0.438, false],
      ['changed', 'AMPLIFIES', 0.75, false],
      ['changed', 'AMPLIFIES', 0, true],
    ]);
    expect(changes[0]!.relationship).toMatchObject({
      pairId: 'drought:heat',
      sourcePatternId: 'heat',
      sourceRegionId: 'r-02-02',
      targetRegionId: 'r-02-03',
    });
  });

  it('judges by event time, whatever order the two regions arrive in', () => {
    // The whole heat wave reaches the neighbourhood before the drought that overlapped it.
    const late = run('r-02-02', [
      detected('heat', 'r-02-02', 'HEAT_INDEX', 0, 0.6),
      seen('heat', 'r-02-02', 20 * hour, { dissolved: true }),
      detected('drought', 'r-02-03', 'DROUGHT_INDEX', 2 * hour, 0.6),
    ]);
    expect(outline(late)).toEqual([
      ['formed', 'AMPLIFIES', false],
      ['changed', 'AMPLIFIES', true],
    ]);
  });

  it('corrects a relationship formed before a dissolution that shows the two never overlapped', () => {
    // The heat wave ended before the drought began, but its dissolution comes from another
    // partition and arrives after the drought's detection.
    const changes = run('r-02-02', [
      detected('heat', 'r-02-02', 'HEAT_INDEX', 0, 0.6),
      detected('drought', 'r-02-03', 'DROUGHT_INDEX', 12 * hour, 0.6),
      seen('heat', 'r-02-02', 10 * hour, { dissolved: true }),
      seen('drought', 'r-02-03', 30 * hour, { dissolved: true }),
    ]);
    expect(outline(changes)).toEqual([
      ['formed', 'AMPLIFIES', false],
      ['changed', 'AMPLIFIES', true],
      ['formed', 'PRECEDES', false],
    ]);
    expect(changes[2]!.relationship).toMatchObject({
      sourcePatternId: 'heat',
      targetPatternId: 'drought',
      lagMillis: 12 * hour,
    });
    // The same pair in event-time order forms the PRECEDES alone.
    const inOrder = run('r-02-02', [
      detected('heat', 'r-02-02', 'HEAT_INDEX', 0, 0.6),
      seen('heat', 'r-02-02', 10 * hour, { dissolved: true }),
      detected('drought', 'r-02-03', 'DROUGHT_INDEX', 12 * hour, 0.6),
    ]);
    expect(inOrder.map((c) => c.relationship)).toEqual([changes[2]!.relationship]);
  });

  it('corrects it too when the relationship had already ended by the other dissolution', () => {
    const changes = run('r-02-02', [
      detected('heat', 'r-02-02', 'HEAT_INDEX', 0, 0.6),
      detected('drought', 'r-02-03', 'DROUGHT_INDEX', 12 * hour, 0.6),
      seen('drought', 'r-02-03', 20 * hour, { dissolved: true }),
      seen('heat', 'r-02-02', 10 * hour, { dissolved: true }),
    ]);
    expect(outline(changes)).toEqual([
      ['formed', 'AMPLIFIES', false],
      ['changed', 'AMPLIFIES', true],
      ['formed', 'PRECEDES', false],
    ]);
  });

  it('leaves a pair to the neighbourhood of its first region, so it is formed once', () => {
    expect(run('r-02-03', story)).toEqual([]);
  });

  it('ignores co-occurrence patterns, unknown evolutions and repeated dissolutions', () => {
    expect(
      run('r-01-01', [
        seen('c', 'r-01-01', 0, {
          kind: 'CO_OCCURRENCE',
          metrics: ['HEAT_INDEX', 'DROUGHT_INDEX'],
        }),
        seen('ghost', 'r-01-01', 0),
        detected('a', 'r-01-01', 'FLOOD_RISK', 0),
        seen('a', 'r-01-01', hour, { dissolved: true }),
        seen('a', 'r-01-01', 2 * hour, { dissolved: true }),
      ]),
    ).toEqual([]);
  });

  it('continues from its snapshot as if it had never stopped', () => {
    const whole = run('r-02-02', story);
    const first = new Neighbourhood('r-02-02');
    const before = story.slice(0, 2).flatMap((s) => first.sight(s));
    const resumed = new Neighbourhood('r-02-02', JSON.parse(JSON.stringify(first.snapshot())));
    expect([...before, ...story.slice(2).flatMap((s) => resumed.sight(s))]).toEqual(whole);
  });

  it('forgets dissolved patterns once nothing can follow them any more', () => {
    const neighbourhood = new Neighbourhood('r-01-01');
    neighbourhood.sight(detected('old', 'r-01-01', 'DROUGHT_INDEX', 0));
    neighbourhood.sight(seen('old', 'r-01-01', hour, { dissolved: true }));
    neighbourhood.sight(detected('new', 'r-01-01', 'FLOOD_RISK', 60 * hour));
    expect(neighbourhood.snapshot().patterns.map((p) => p.patternId)).toEqual(['new']);
  });
});
