// One measured run in its own process, so CPU, RSS and event-loop delay belong to it alone.
// Usage: node dist/tools/bench/cell-main.js '<CellSpec as JSON>', the bundle `bundleNodeCells`
// writes; prints one result line for the suite to read.
import type { CellResult, CellSpec } from './cell-spec';
import { resultMarker } from './cell-spec';
import { kafkajsCells } from './kafkajs-cells';
import { runtimeCells } from './runtime-cells';
import { serde } from './serde-cell';

async function run(spec: CellSpec): Promise<CellResult> {
  if (spec.workload === 'serde') return serde(spec);
  const cells =
    spec.client === 'K' || spec.client === 'P'
      ? kafkajsCells
      : spec.client === 'B'
        ? runtimeCells
        : undefined;
  if (!cells) throw new Error(`Client ${spec.client} does not run in Node`);
  return cells[spec.workload](spec);
}

run(JSON.parse(process.argv[2] ?? '{}') as CellSpec).then(
  (result) => {
    process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`cell failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
