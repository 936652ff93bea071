import { foldPattern, resonanceCenters, type FieldState, type PatternFact } from './field-state';

const fact = (patch: Partial<PatternFact>): PatternFact => ({
  eventId: 'e',
  patternId: 'p1',
  regionId: 'r-01-01',
  kind: 'THRESHOLD_EXCEEDANCE',
  metrics: ['HEAT_INDEX'],
  dissolved: false,
  strength: 0.5,
  confidence: 1,
  at: 1_000,
  ...patch,
});

function foldAll(facts: PatternFact[]): FieldState[] {
  const versions: FieldState[] = [];
  let state: FieldState | undefined;
  for (const f of facts) {
    const next = foldPattern(state, f);
    if (next) versions.push((state = next));
  }
  return versions;
}

describe('foldPattern', () => {
  it('makes version 1 from the first pattern, scoring its metrics', () => {
    expect(foldPattern(undefined, fact({}))).toMatchObject({
      regionId: 'r-01-01',
      version: 1,
      dimensions: { HEAT_INDEX: 0.5 },
      asOf: 1_000,
    });
  });

  it.each([
    [
      'a second pattern on the same metric adds up (noisy-OR)',
      [fact({}), fact({ patternId: 'p2', strength: 0.5 })],
      { HEAT_INDEX: 0.75 },
    ],
    [
      'a co-occurrence scores each of its metrics at half weight',
      [fact({ kind: 'CO_OCCURRENCE', metrics: ['HEAT_INDEX', 'DROUGHT_INDEX'], strength: 0.8 })],
      { HEAT_INDEX: 0.4, DROUGHT_INDEX: 0.4 },
    ],
    [
      'an evolution takes the metrics its detection named',
      [fact({}), fact({ metrics: undefined, strength: 0.9 })],
      { HEAT_INDEX: 0.9 },
    ],
    ['a dissolved pattern no longer counts', [fact({}), fact({ dissolved: true })], {}],
    [
      'confidence discounts strength',
      [fact({ strength: 0.8, confidence: 0.5 })],
      { HEAT_INDEX: 0.4 },
    ],
  ])('%s', (_case, facts, dimensions) => {
    expect(foldAll(facts).at(-1)?.dimensions).toEqual(dimensions);
  });

  it.each([
    ['the same event folded twice', [fact({}), fact({})]],
    ['a change below 0.01', [fact({}), fact({ strength: 0.505 })]],
    [
      'an evolution of a pattern this state never saw detected',
      [fact({ patternId: 'old', metrics: undefined })],
    ],
    ['a dissolution of an unknown pattern', [fact({ dissolved: true })]],
  ])('makes no version for %s', (_case, facts) => {
    expect(foldAll(facts).length).toBe(facts.length === 2 ? 1 : 0);
  });

  it('counts versions up by one, never skipping or repeating', () => {
    const versions = foldAll([
      fact({}),
      fact({ strength: 0.7 }),
      fact({ patternId: 'p2', metrics: ['DROUGHT_INDEX'] }),
      fact({ strength: 0.7 }),
      fact({ dissolved: true }),
    ]);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it('keeps the latest event time as asOf, even when an older one arrives later', () => {
    const versions = foldAll([fact({ at: 5_000 }), fact({ patternId: 'p2', at: 3_000 })]);
    expect(versions.at(-1)?.asOf).toBe(5_000);
  });

  it('loses stability when scores jump, and coherence when they move apart', () => {
    const [, jumped] = foldAll([fact({ strength: 0.1 }), fact({ strength: 1 })]);
    expect(jumped!.stability).toBeLessThan(0.9);
    const apart = foldAll([
      fact({}),
      fact({ patternId: 'p2', metrics: ['DROUGHT_INDEX'] }),
      fact({
        kind: 'CO_OCCURRENCE',
        patternId: 'c',
        metrics: ['HEAT_INDEX', 'FLOOD_RISK'],
        strength: 1,
      }),
      fact({ patternId: 'p2', dissolved: true }),
    ]);
    expect(apart.at(-1)!.coherence).toBeLessThan(apart.at(-2)!.coherence);
  });
});

describe('resonanceCenters', () => {
  it('lists the strongest dimensions first, at most three, none at zero', () => {
    const state = foldAll([
      fact({ metrics: ['HEAT_INDEX'], strength: 0.9 }),
      fact({ patternId: 'p2', metrics: ['DROUGHT_INDEX'], strength: 0.5 }),
      fact({ patternId: 'p3', metrics: ['FLOOD_RISK'], strength: 0.2 }),
      fact({ patternId: 'p4', metrics: ['AIR_QUALITY'], strength: 0.1 }),
    ]).at(-1)!;
    expect(resonanceCenters(state).map((c) => [c.dimension, c.intensity])).toEqual([
      ['HEAT_INDEX', 0.9],
      ['DROUGHT_INDEX', 0.5],
      ['FLOOD_RISK', 0.2],
    ]);
  });
});
