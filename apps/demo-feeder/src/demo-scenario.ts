import { gridRegionId, type Incident } from '@fieldline/domain-observations';

const day = 86_400_000;
const hour = 3_600_000;

/**
 * The demo's story: every three days of simulated time something happens. The first is the one
 * the product is about: a heat wave and a drought in neighbouring regions (wildfire risk).
 */
export function demoIncidents(start: number, days: number): Incident[] {
  const incidents: Incident[] = [];
  for (
    let first = start + 2 * day, round = 0;
    first < start + days * day;
    first += 3 * day, round++
  ) {
    const shift = round % 3;
    incidents.push(
      {
        kind: 'heat-wave',
        regionIds: [gridRegionId(2, 2 + shift), gridRegionId(2, 3 + shift)],
        start: first,
        durationMs: 30 * hour,
        // The demo replays the days before now, whatever the season: at 1.2 the wave passes
        // the hazard level (40 °C) by a few degrees in midwinter too, where at 1 it only grazes
        // it, and stays under the metric's 70 °C ceiling in summer.
        intensity: 1.2,
      },
      {
        kind: 'drought',
        regionIds: [gridRegionId(3, 3 + shift)],
        start: first + 2 * hour,
        durationMs: 40 * hour,
        intensity: 0.9,
      },
      {
        kind: 'flood',
        regionIds: [gridRegionId(4, 1), gridRegionId(5, 1)],
        start: first + day,
        durationMs: 20 * hour,
        intensity: 0.8,
      },
    );
  }
  return incidents;
}
