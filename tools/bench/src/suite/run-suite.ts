import type { CellResult, CellSpec, Client } from '../cells/cell-spec';
import { javaCell, type JavaTools } from '../java/kafka-tools';
import { runNodeCell } from './node-cell';
import type { Row } from './plan';
import type { BenchTopics } from './topics';

export interface SuiteSettings {
  readonly brokers: readonly string[];
  readonly schemaRegistryUrl: string;
  readonly repeats: number;
  readonly java: JavaTools;
  readonly topics: BenchTopics;
  /** The K and B cells' bundle (`bundleNodeCells`). */
  readonly cellBundle: string;
  readonly log: (line: string) => void;
}

export type RowResults = Map<string, Partial<Record<Client, CellResult[]>>>;

/** Rotates who goes first in each repeat, so no client always runs on a warmer or colder broker. */
function rotated(clients: readonly Client[], repeat: number): Client[] {
  const shift = repeat % clients.length;
  return [...clients.slice(shift), ...clients.slice(0, shift)];
}

export async function runSuite(rows: readonly Row[], settings: SuiteSettings): Promise<RowResults> {
  const { topics, log } = settings;
  const base = { brokers: settings.brokers, schemaRegistryUrl: settings.schemaRegistryUrl };
  const run = (spec: CellSpec) =>
    spec.client === 'J'
      ? (javaCell(settings.java, spec) as Promise<CellResult>)
      : runNodeCell(settings.cellBundle, spec);

  // Backlogs are written once, by the runtime, so every client reads real records with headers.
  const backlogs = new Map<number, string>();
  for (const row of rows.filter((candidate) => candidate.backlog)) {
    if (backlogs.has(row.valueBytes)) continue;
    const records = Math.max(
      ...rows.filter((r) => r.backlog && r.valueBytes === row.valueBytes).map((r) => r.records),
    );
    const topic = await topics.create(`backlog-${row.valueBytes}`);
    log(`seeding ${records} records of ${row.valueBytes} B into ${topic}`);
    await runNodeCell(settings.cellBundle, {
      ...base,
      workload: 'produce',
      client: 'B',
      valueBytes: row.valueBytes,
      records,
      batchSize: 1000,
      topic,
    });
    backlogs.set(row.valueBytes, topic);
  }

  const warmupTopic = await topics.create('warmup');
  log('warming up the broker with every client');
  for (const client of ['J', 'K', 'P', 'B'] as const) {
    await run({
      ...base,
      workload: 'produce',
      client,
      valueBytes: 1024,
      records: 5_000,
      batchSize: 100,
      topic: warmupTopic,
    });
  }

  const results: RowResults = new Map();
  const produceTopics = new Map<string, string>();
  for (let repeat = 0; repeat < settings.repeats; repeat += 1) {
    for (const row of rows) {
      for (const client of rotated(row.clients, repeat)) {
        let topic = backlogs.get(row.valueBytes) ?? '';
        if (!row.backlog && row.workload === 'produce') {
          topic = produceTopics.get(row.id) ?? (await topics.create(row.id));
          produceTopics.set(row.id, topic);
        } else if (!row.backlog && row.workload !== 'serde') {
          topic = await topics.create(row.id);
        }
        const spec: CellSpec = {
          ...base,
          workload: row.workload,
          client,
          valueBytes: row.valueBytes,
          records: row.records,
          batchSize: row.batchSize,
          ratePerSecond: row.ratePerSecond,
          durationMs: row.durationMs,
          variant: row.variant,
          topic,
          groupId: topics.group(`${row.id}-${client}`),
          outputTopic: row.workload === 'ctp' ? await topics.create(`${row.id}-out`) : undefined,
        };
        log(`repeat ${repeat + 1}/${settings.repeats}: ${row.workload} ${row.label}, ${client}`);
        const result = await run(spec);
        const byClient = results.get(row.id) ?? {};
        byClient[client] = [...(byClient[client] ?? []), result];
        results.set(row.id, byClient);
      }
    }
  }
  return results;
}
