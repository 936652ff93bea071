import type { CellSpec, Client, Workload } from '../cells/cell-spec';

/** One line of the report: a workload at one setting, run by several clients. */
export interface Row {
  readonly id: string;
  readonly workload: Workload;
  readonly label: string;
  readonly clients: readonly Client[];
  readonly valueBytes: number;
  readonly records: number;
  readonly batchSize?: number;
  readonly ratePerSecond?: number;
  readonly durationMs?: number;
  readonly variant?: CellSpec['variant'];
  /** Reads a backlog seeded once (consume, ctp) instead of writing its own topic. */
  readonly backlog?: boolean;
  /** The row whose other clients' results this row's B is compared with (it runs B alone). */
  readonly comparedWith?: string;
}

export interface PlanOptions {
  readonly quick: boolean;
}

const sizes = [200, 1024, 4096];

/** Enough records for a couple of seconds of work at each size; a tenth of that when quick. */
function recordsFor(valueBytes: number, quick: boolean): number {
  const full = Math.min(100_000, Math.max(20_000, Math.round(50_000_000 / valueBytes)));
  return quick ? Math.round(full / 10) : full;
}

/**
 * Backlog records a consume run reads: about two seconds of raw kafkajs at each size. A fresh
 * process reading a few tenths of a second spends a good part of it starting up (compiling its
 * decoders, filling its first fetches), and a larger program more so; that is not the
 * throughput a consumer sustains.
 */
function backlogRecordsFor(valueBytes: number, quick: boolean): number {
  const full = Math.min(300_000, Math.max(100_000, Math.round(200_000_000 / valueBytes)));
  return quick ? Math.round(full / 10) : full;
}

export function runtimePlan({ quick }: PlanOptions): Row[] {
  const all: Client[] = ['J', 'K', 'P', 'B'];
  const rows: Row[] = [
    {
      id: 'serde',
      workload: 'serde',
      label: 'Avro encode+decode',
      clients: ['K', 'B'],
      valueBytes: 1024,
      records: 0,
    },
  ];
  for (const valueBytes of sizes) {
    // Raw kafkajs writes one record batch per partition per send, so 1000 × 4 KB (about 1.3 MB
    // per partition) exceeds the broker's 1 MB message limit; the runtime splits at batchBytes.
    for (const batchSize of valueBytes * 1000 <= 1_048_576 * 2 ? [100, 1000] : [100]) {
      rows.push({
        id: `produce-${valueBytes}-${batchSize}`,
        workload: 'produce',
        label: `${valueBytes} B, batches of ${batchSize}`,
        clients: all,
        valueBytes,
        batchSize,
        records: recordsFor(valueBytes, quick),
      });
    }
  }
  for (const valueBytes of sizes) {
    rows.push({
      id: `consume-${valueBytes}`,
      workload: 'consume',
      label: `${valueBytes} B backlog`,
      clients: all,
      valueBytes,
      records: backlogRecordsFor(valueBytes, quick),
      backlog: true,
    });
  }
  for (const valueBytes of sizes) {
    rows.push({
      id: `consume-${valueBytes}-each-record`,
      workload: 'consume',
      label: `${valueBytes} B backlog, B handling each record alone`,
      clients: ['B'],
      valueBytes,
      records: backlogRecordsFor(valueBytes, quick),
      variant: 'each-record',
      backlog: true,
      comparedWith: `consume-${valueBytes}`,
    });
  }
  for (const ratePerSecond of [1_000, 5_000, 20_000]) {
    rows.push({
      id: `latency-${ratePerSecond}`,
      workload: 'latency',
      label: `${ratePerSecond.toLocaleString('en')} records/s, 1024 B`,
      clients: all,
      valueBytes: 1024,
      records: 0,
      ratePerSecond,
      durationMs: quick ? 2_000 : 5_000,
    });
  }
  rows.push({
    id: 'single-send',
    workload: 'single-send',
    label: 'awaited one at a time, 1024 B',
    clients: all,
    valueBytes: 1024,
    records: quick ? 200 : 2_000,
  });
  for (const variant of ['alo', 'eos'] as const) {
    rows.push({
      id: `ctp-${variant}`,
      workload: 'ctp',
      label: variant === 'alo' ? 'at-least-once' : 'exactly-once (transactions)',
      clients: ['K', 'P', 'B'],
      valueBytes: 1024,
      records: quick ? 2_000 : 20_000,
      variant,
      backlog: true,
    });
  }
  return rows;
}
