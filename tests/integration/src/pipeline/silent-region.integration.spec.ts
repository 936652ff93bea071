import type { PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { PatternDetector, type PatternState } from '@fieldline/domain-patterns';
import { waitFor } from '@fieldline/testing';
import { gridHeatWaveCsv, lineFields, readingOfLine } from '../support/climate-csv';
import { Pipeline } from '../support/pipeline';
import { namespaceReader } from '../support/runtime';
import { importCsv } from './pipeline-fixture';

const hour = 3_600_000;

describe('a region that stops reporting altogether', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await Pipeline.start();
  }, 240_000);

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('loses its patterns once the other regions of its partition have moved on by the quiet hour', async () => {
    // Sixteen regions in a heat wave, on six partitions: some partitions carry several regions.
    const file = gridHeatWaveCsv(4, 4);
    const lines = file.lines.map((line, index) => ({ line, index, ...lineFields(line) }));
    const first = lines.filter((line) => line.at === lines[0]!.at);
    const imported = await importCsv(
      pipeline.url('ingest-gateway'),
      file.header,
      first.map((l) => l.line),
    );
    expect(imported.status).toBe(200);

    // Every region but one on each partition goes silent; that one keeps its partition's clock.
    const partitionOf = await partitionsOfRegions(pipeline.namespace, 16);
    const keepsReporting = new Set<string>();
    for (const [regionId, partition] of [...partitionOf].sort()) {
      if (![...keepsReporting].some((kept) => partitionOf.get(kept) === partition)) {
        keepsReporting.add(regionId);
      }
    }
    const silenced = new Set([...partitionOf.keys()].filter((id) => !keepsReporting.has(id)));

    // The heat comes and goes with the days: they go silent at the last reading, four hours
    // or more before the end of the file, at which one of them has an active pattern (the
    // domain alone says which).
    const end = lines.at(-1)!.at;
    const reference = new PatternDetector();
    const active = new Map<string, PatternState>();
    let silentAfter: { at: number; patterns: PatternState[] } | undefined;
    for (const [position, line] of lines.entries()) {
      const { changes } = reference.observe(readingOfLine(line.line, line.index));
      for (const { type, pattern } of changes) {
        if (pattern.phase === 'DISSOLVED') active.delete(pattern.patternId);
        else if (type === 'detected' && silenced.has(pattern.regionId)) {
          active.set(pattern.patternId, pattern);
        }
      }
      const lastOfItsTime = lines[position + 1]?.at !== line.at;
      if (lastOfItsTime && line.at <= end - 4 * hour && active.size > 0) {
        silentAfter = { at: line.at, patterns: [...active.values()] };
      }
    }
    expect(silentAfter).toBeDefined();
    const { at: lastHeard, patterns } = silentAfter!;
    const rest = lines.filter(
      (line) => line.at > first[0]!.at && (line.at <= lastHeard || !silenced.has(line.regionId!)),
    );
    expect(
      (
        await importCsv(
          pipeline.url('ingest-gateway'),
          file.header,
          rest.map((l) => l.line),
        )
      ).status,
    ).toBe(200);
    await pipeline.settled();

    const detected = pipeline.events<PatternDetected>('patterns', 'PatternDetected');
    const evolved = pipeline.events<PatternEvolved>('patterns', 'PatternEvolved');
    for (const pattern of patterns) {
      // Published under an id of its own, derived from the domain's.
      const published = detected.find(
        (event) =>
          event.regionId === pattern.regionId &&
          event.kind === pattern.kind &&
          event.window.start === pattern.window.start &&
          event.window.end === pattern.window.end,
      );
      expect(published).toBeDefined();
      const dissolved = evolved.find(
        (change) => change.patternId === published?.patternId && change.phase === 'DISSOLVED',
      );
      // Dissolved once the other regions' readings moved the partition's clock on by the
      // hour of lateness and a quiet hour, as of a quiet hour after the region's last reading.
      expect(dissolved?.window.end).toBe(lastHeard + hour + 1);
    }
  });
});

/** The partition each region's readings land on, once `count` regions were read back. */
async function partitionsOfRegions(namespace: string, count: number) {
  const reader = namespaceReader('silent-region-test', namespace);
  const partitionOf = new Map<string, number>();
  const tail = reader.tail();
  try {
    await tail.start(reader.topics.physical('observations'), { fromBeginning: true }, (record) => {
      partitionOf.set((record.key as { regionId: string }).regionId, record.partition);
    });
    await waitFor(() => partitionOf.size === count, {
      description: `a reading of each of ${count} regions read back`,
      timeoutMs: 60_000,
    });
  } finally {
    await tail.stop();
    await reader.stop();
  }
  return partitionOf;
}
