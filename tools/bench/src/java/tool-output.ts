import type { Percentiles } from '../cells/cell-spec';

export interface ProducerPerfLine {
  readonly records: number;
  readonly recordsPerSecond: number;
  readonly latencyMs: Percentiles;
}

/** The summary line of kafka-producer-perf-test. */
export function parseProducerPerformance(output: string): ProducerPerfLine {
  const summaries = [
    ...output.matchAll(
      /(\d+) (steady state )?records sent, ([\d.]+) records\/sec \([\d.]+ MB\/sec\), [\d.]+ ms avg latency, [\d.]+ ms max latency, (\d+) ms 50th, \d+ ms 95th, (\d+) ms 99th, (\d+) ms 99.9th/g,
    ),
  ];
  // With --warmup-records the tool adds a line without the warm-up: that one counts.
  const match = summaries.find((summary) => summary[2] !== undefined) ?? summaries.at(-1);
  if (!match) throw new Error(`No summary line in kafka-producer-perf-test output:\n${output}`);
  const [records, perSecond, p50, p99, p999] = [1, 3, 4, 5, 6].map((group) =>
    Number(match[group]),
  ) as [number, number, number, number, number];
  return { records, recordsPerSecond: perSecond, latencyMs: { p50, p99, p999 } };
}

export interface ConsumerPerfLine {
  readonly records: number;
  /** Fetch time only: kafka-consumer-perf-test reports the group join separately. */
  readonly fetchSeconds: number;
}

/** The CSV result line of kafka-consumer-perf-test. */
export function parseConsumerPerformance(output: string): ConsumerPerfLine {
  const lines = output.split('\n');
  const header = lines.findIndex((line) => line.startsWith('start.time'));
  const names = lines[header]?.split(',').map((name) => name.trim()) ?? [];
  const values = lines[header + 1]?.split(',').map((value) => value.trim()) ?? [];
  const field = (name: string) => Number(values[names.indexOf(name)]);
  const records = field('data.consumed.in.nMsg');
  const fetchMs = field('fetch.time.ms');
  if (header < 0 || !Number.isFinite(records) || !Number.isFinite(fetchMs)) {
    throw new Error(`No result line in kafka-consumer-perf-test output:\n${output}`);
  }
  return { records, fetchSeconds: fetchMs / 1000 };
}

/** The percentiles line of Kafka's end-to-end latency tool (whole milliseconds). */
export function parseEndToEndLatency(output: string): Percentiles {
  const match = /Percentiles: 50th = (\d+), 99th = (\d+), 99.9th = (\d+)/.exec(output);
  if (!match) throw new Error(`No percentiles in the end-to-end latency output:\n${output}`);
  return { p50: Number(match[1]), p99: Number(match[2]), p999: Number(match[3]) };
}
