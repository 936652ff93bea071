import { SampleObservations, type Incident, type MetricName } from '@fieldline/domain-observations';
import type { PatternChange } from './pattern';
import { PatternDetector, type Reading } from './pattern-detector';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const start = Date.parse('2026-07-01T00:00:00Z');

/** Readings of a 2x2 grid every 10 minutes over `days`, as the detector takes them. */
function readings(incidents: Incident[], metrics: MetricName[], days = 6): Reading[] {
  const data = new SampleObservations({ rows: 2, cols: 2, seed: 11, incidents, metrics });
  const all: Reading[] = [];
  for (let at = start; at < start + days * day; at += 10 * minute) {
    for (const o of data.readingsAt(at)) {
      all.push({
        id: `${o.regionId}/${o.metric}/${at}`,
        regionId: o.regionId,
        metric: o.metric,
        value: o.value,
        at,
      });
    }
  }
  return all;
}

function run(detector: PatternDetector, input: readonly Reading[]): PatternChange[] {
  return input.flatMap((reading) => detector.observe(reading).changes);
}

const heatWave: Incident = {
  kind: 'heat-wave',
  regionIds: ['r-00-00'],
  start: start + 2 * day,
  durationMs: 2 * day,
  intensity: 1,
};
const drought: Incident = { ...heatWave, kind: 'drought', start: start + 2 * day + 6 * hour };

describe('PatternDetector', () => {
  const input = readings([heatWave], ['HEAT_INDEX']);
  const changes = run(new PatternDetector(), input);
  const threshold = changes.filter((c) => c.pattern.kind === 'THRESHOLD_EXCEEDANCE');

  it('detects the heat wave once, in the affected region only, and follows it to its end', () => {
    const detected = threshold.filter((c) => c.type === 'detected');
    expect(detected).toHaveLength(1);
    expect(detected[0]!.pattern).toMatchObject({
      regionId: 'r-00-00',
      metrics: ['HEAT_INDEX'],
      phase: 'EMERGING',
      seq: 0,
    });
    expect(changes.every((c) => c.pattern.regionId === 'r-00-00')).toBe(true);
    const phases = threshold.map((c) => c.pattern.phase);
    expect(phases).toContain('STRENGTHENING');
    expect(phases).toContain('WEAKENING');
    expect(phases.at(-1)).toBe('DISSOLVED');
  });

  it('emits each change of a pattern once, in sequence, only when strength moved a step', () => {
    for (const id of new Set(changes.map((c) => c.pattern.patternId))) {
      const own = changes.filter((c) => c.pattern.patternId === id);
      expect(own.map((c) => c.pattern.seq)).toEqual(own.map((_, i) => i));
      own.slice(1, -1).forEach((change, i) => {
        expect(Math.abs(change.pattern.strength - own[i]!.pattern.strength)).toBeGreaterThanOrEqual(
          0.15,
        );
      });
    }
    // Two days of a heat wave at 10-minute readings: a handful of changes, not hundreds.
    expect(threshold.length).toBeLessThan(15);
  });

  it('names evidence that exists in the input and lies inside the window', () => {
    const byId = new Map(input.map((r) => [r.id, r]));
    for (const change of threshold) {
      for (const id of change.pattern.evidenceIds) {
        const reading = byId.get(id)!;
        expect(reading.at).toBeGreaterThanOrEqual(change.pattern.window.start);
        expect(reading.at).toBeLessThan(change.pattern.window.end);
      }
    }
  });

  it('is deterministic: the same readings give the same changes', () => {
    expect(run(new PatternDetector(), input)).toEqual(changes);
  });

  it('continues from a restored snapshot exactly as if it had never stopped', () => {
    const cut = input.findIndex((r) => r.at === heatWave.start + 20 * hour);
    const first = new PatternDetector();
    const before = run(first, input.slice(0, cut));
    const resumed = new PatternDetector();
    for (const regionId of first.regionIds()) {
      resumed.restore(JSON.parse(JSON.stringify(first.snapshot(regionId))));
    }
    expect([...before, ...run(resumed, input.slice(cut))]).toEqual(changes);
  });

  it('ignores redelivered and late readings', () => {
    const detector = new PatternDetector();
    run(detector, input.slice(0, 500));
    expect(detector.observe(input[499]!)).toEqual({ outcome: 'duplicate', changes: [] });
    const late = { ...input[0]!, id: 'late-one', at: input[499]!.at - 2 * hour };
    expect(detector.observe(late)).toEqual({ outcome: 'late', changes: [] });
  });

  it('sees heat and drought together in one region as a co-occurrence', () => {
    const both = run(
      new PatternDetector(),
      readings([heatWave, drought], ['HEAT_INDEX', 'DROUGHT_INDEX']),
    );
    const coOccurrence = both.filter((c) => c.pattern.kind === 'CO_OCCURRENCE');
    expect(coOccurrence[0]).toMatchObject({
      type: 'detected',
      pattern: { regionId: 'r-00-00', metrics: ['HEAT_INDEX', 'DROUGHT_INDEX'] },
    });
    expect(coOccurrence.filter((c) => c.type === 'detected')).toHaveLength(1);
    expect(coOccurrence.at(-1)?.pattern.phase).toBe('DISSOLVED');
  });

  it('dissolves the patterns of a metric that stops reporting while the region goes on', () => {
    // Heat and drought in one region; mid-heat-wave, the heat sensor goes silent for good.
    const silentFrom = heatWave.start + 12 * hour;
    const input = readings([heatWave, drought], ['HEAT_INDEX', 'DROUGHT_INDEX']).filter(
      (reading) => reading.metric !== 'HEAT_INDEX' || reading.at < silentFrom,
    );
    const changes = run(new PatternDetector(), input);
    const heat = changes.filter((c) => c.pattern.metrics.join() === 'HEAT_INDEX');
    expect(heat.filter((c) => c.type === 'detected').length).toBeGreaterThan(0);
    // Every heat pattern ends, at the latest once a quiet hour has passed beyond the hour its
    // readings may still arrive late.
    const detectedIds = new Set(
      heat.filter((c) => c.type === 'detected').map((c) => c.pattern.patternId),
    );
    const dissolved = heat.filter((c) => c.pattern.phase === 'DISSOLVED');
    expect(new Set(dissolved.map((c) => c.pattern.patternId))).toEqual(detectedIds);
    for (const change of dissolved) {
      expect(change.pattern.window.end - 1).toBeLessThanOrEqual(silentFrom + 2 * hour);
    }
    // The heat + drought co-occurrence ends with it, while the drought goes on.
    const together = changes.filter((c) => c.pattern.kind === 'CO_OCCURRENCE');
    expect(together.at(-1)?.pattern.phase).toBe('DISSOLVED');
    expect(together.at(-1)!.pattern.window.end).toBeLessThan(heatWave.start + 2 * day);
  });

  it('keeps the patterns of a metric whose readings lag the others but keep coming', () => {
    // The heat sensor's readings arrive three hours behind the drought sensor's, all along.
    const lagging = readings([heatWave, drought], ['HEAT_INDEX', 'DROUGHT_INDEX']).map((reading) =>
      reading.metric === 'HEAT_INDEX' ? { ...reading, at: reading.at - 3 * hour } : reading,
    );
    const heatOf = (changes: PatternChange[]) =>
      changes.filter((c) => c.pattern.metrics.join() === 'HEAT_INDEX');
    const alone = heatOf(
      run(
        new PatternDetector(),
        lagging.filter((reading) => reading.metric === 'HEAT_INDEX'),
      ),
    );
    const together = heatOf(run(new PatternDetector(), lagging));
    expect(together.map((c) => [c.pattern.patternId, c.pattern.phase])).toEqual(
      alone.map((c) => [c.pattern.patternId, c.pattern.phase]),
    );
  });

  it('keeps a pattern whose metric still reports, within the lateness its readings are allowed', () => {
    const detector = new PatternDetector();
    const heat = readings([heatWave], ['HEAT_INDEX']).filter((r) => r.regionId === 'r-00-00');
    const upTo = heat.findIndex((r) => r.at >= heatWave.start + 12 * hour);
    run(detector, heat.slice(0, upTo));
    const last = heat[upTo - 1]!;
    // Another metric of the region reports 90 minutes on: the heat readings may still be late.
    const other = {
      id: 'drought-1',
      regionId: 'r-00-00',
      metric: 'DROUGHT_INDEX' as const,
      value: 0.1,
    };
    expect(detector.observe({ ...other, at: last.at + 90 * minute }).changes).toEqual([]);
    // Two hours and ten minutes on, a quiet hour has passed beyond that lateness.
    const later = detector.observe({ ...other, id: 'drought-2', at: last.at + 130 * minute });
    expect(later.changes.map((c) => [c.pattern.kind, c.pattern.phase])).toContainEqual([
      'THRESHOLD_EXCEEDANCE',
      'DISSOLVED',
    ]);
  });

  describe('a region that stops reporting while the others on its stream go on', () => {
    // Heat and drought in r-00-00; mid-heat-wave, the whole region goes silent for good.
    const silentFrom = heatWave.start + 12 * hour;
    const input = readings([heatWave, drought], ['HEAT_INDEX', 'DROUGHT_INDEX']).filter(
      (reading) => reading.regionId !== 'r-00-00' || reading.at < silentFrom,
    );
    const silentRegion = (changes: PatternChange[]) =>
      changes.filter((c) => c.pattern.regionId === 'r-00-00');
    const ended = (changes: PatternChange[]) =>
      new Set(
        changes.filter((c) => c.pattern.phase === 'DISSOLVED').map((c) => c.pattern.patternId),
      );

    it('keeps its patterns on its own clock alone', () => {
      const changes = silentRegion(run(new PatternDetector(), input));
      expect(ended(changes).size).toBeLessThan(changes.filter((c) => c.type === 'detected').length);
    });

    const onStream = (detector: PatternDetector, readings: readonly Reading[]) =>
      readings.flatMap((reading) => detector.observe(reading, 'partition-0').changes);

    it('loses every pattern once the stream has moved a quiet period past its lateness', () => {
      const changes = silentRegion(onStream(new PatternDetector(), input));
      const detected = changes.filter((c) => c.type === 'detected');
      expect(detected.map((c) => c.pattern.kind)).toContain('CO_OCCURRENCE');
      expect(ended(changes)).toEqual(new Set(detected.map((c) => c.pattern.patternId)));
      for (const change of changes.filter((c) => c.pattern.phase === 'DISSOLVED')) {
        expect(change.pattern.window.end - 1).toBeLessThanOrEqual(silentFrom + 2 * hour);
      }
      // What combined the region's metrics ends after them, as when its metrics go quiet.
      expect(changes.at(-1)?.pattern.kind).toBe('CO_OCCURRENCE');
    });

    it('continues on its stream from restored snapshots exactly as if it had never stopped', () => {
      const whole = onStream(new PatternDetector(), input);
      const cut = input.findIndex((r) => r.at === silentFrom + 40 * minute);
      const first = new PatternDetector();
      const before = onStream(first, input.slice(0, cut));
      const resumed = new PatternDetector();
      for (const regionId of first.regionIds()) {
        resumed.restore(JSON.parse(JSON.stringify(first.snapshot(regionId))), 'partition-0');
      }
      expect([...before, ...onStream(resumed, input.slice(cut))]).toEqual(whole);
      expect(silentRegion(whole).at(-1)?.pattern.phase).toBe('DISSOLVED');
    });

    it('keeps the patterns of a region whose readings lag the others on its stream', () => {
      // r-00-00's readings arrive three hours behind the other regions', all along.
      const lagging = readings([heatWave, drought], ['HEAT_INDEX', 'DROUGHT_INDEX']).map(
        (reading) =>
          reading.regionId === 'r-00-00' ? { ...reading, at: reading.at - 3 * hour } : reading,
      );
      expect(silentRegion(onStream(new PatternDetector(), lagging))).toEqual(
        silentRegion(run(new PatternDetector(), lagging)),
      );
    });

    it.each([
      ['within the lateness its readings are allowed', 110 * minute, 0],
      ['a quiet hour past that lateness', 130 * minute, 1],
    ])(
      'judged %s, silence ends as many threshold patterns as it should',
      (_case, after, dissolved) => {
        const detector = new PatternDetector();
        const heat = input.filter((r) => r.regionId === 'r-00-00' && r.metric === 'HEAT_INDEX');
        run(detector, heat);
        const last = heat.at(-1)!;
        const changes = detector.dissolveSilentRegions(['r-00-00', 'r-09-09'], last.at + after);
        expect(
          changes.filter(
            (c) => c.pattern.kind === 'THRESHOLD_EXCEEDANCE' && c.pattern.phase === 'DISSOLVED',
          ),
        ).toHaveLength(dissolved);
      },
    );
  });

  it('finds nothing in a calm week', () => {
    expect(run(new PatternDetector(), readings([], ['HEAT_INDEX', 'FLOOD_RISK'], 7))).toEqual([]);
  });
});
