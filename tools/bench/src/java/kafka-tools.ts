// The reference (J): Kafka's own perf tools from the stack's jars, on the same broker and topics.
import { spawn } from 'node:child_process';
import { ProcessSampler, type ProcessUsage } from '../measure/process-sampler';
import type { CellResult, CellSpec } from '../cells/cell-spec';
import { latencyRecords, latencyWarmupMs } from '../cells/cell-support';
import {
  parseConsumerPerformance,
  parseEndToEndLatency,
  parseProducerPerformance,
} from './tool-output';

export interface JavaTools {
  readonly java: string;
  readonly kafkaLibs: string;
}

const partitions = 3;

async function runTool(
  tools: JavaTools,
  mainClass: string,
  args: readonly string[],
): Promise<{ output: string; usage: ProcessUsage | undefined }> {
  const child = spawn(tools.java, ['-cp', `${tools.kafkaLibs}/*`, mainClass, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = new ProcessSampler(child.pid as number);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  const usage = sampler.stop();
  if (code !== 0) throw new Error(`${mainClass} exited with ${code}:\n${output}`);
  return { output, usage };
}

/**
 * The Java producer pinned to the Node clients' settings: acks=all, idempotent, one request in
 * flight; linger as the Node cells of the workload have it.
 */
function producerProperties(spec: CellSpec, lingerMs: number): string[] {
  const perPartitionBatch = Math.ceil((spec.batchSize ?? 100) / partitions) * spec.valueBytes;
  return [
    '--command-property',
    `bootstrap.servers=${spec.brokers.join(',')}`,
    'acks=all',
    'enable.idempotence=true',
    'max.in.flight.requests.per.connection=1',
    `linger.ms=${lingerMs}`,
    `batch.size=${Math.max(16_384, perPartitionBatch)}`,
  ];
}

interface ProduceRun {
  readonly records: number;
  /** Records per second; -1 for as fast as it can. */
  readonly rate: number;
  readonly lingerMs: number;
  /** Records left out of the steady-state line. */
  readonly warmupRecords?: number;
}

/** The arguments every Kafka perf tool takes: the broker, the topic and how many records. */
function whereAndHowMany(spec: CellSpec, records: number): string[] {
  return [
    '--bootstrap-server',
    spec.brokers.join(','),
    '--topic',
    spec.topic,
    '--num-records',
    String(records),
  ];
}

function produceArgs(spec: CellSpec, run: ProduceRun): string[] {
  return [
    ...whereAndHowMany(spec, run.records),
    '--record-size',
    String(spec.valueBytes),
    '--throughput',
    String(run.rate),
    ...(run.warmupRecords ? ['--warmup-records', String(run.warmupRecords)] : []),
    ...producerProperties(spec, run.lingerMs),
  ];
}

async function produce(tools: JavaTools, spec: CellSpec): Promise<CellResult> {
  const { output, usage } = await runTool(
    tools,
    'org.apache.kafka.tools.ProducerPerformance',
    // Linger lets the Java producer batch as the Node cells batch by sending 100 or 1,000 at once.
    produceArgs(spec, { records: spec.records, rate: -1, lingerMs: 5 }),
  );
  const line = parseProducerPerformance(output);
  return {
    records: line.records,
    valueBytes: spec.valueBytes,
    seconds: line.records / line.recordsPerSecond,
    ...usage,
  };
}

async function consume(tools: JavaTools, spec: CellSpec): Promise<CellResult> {
  const { output, usage } = await runTool(tools, 'org.apache.kafka.tools.ConsumerPerformance', [
    ...whereAndHowMany(spec, spec.records),
    '--group',
    spec.groupId as string,
  ]);
  const line = parseConsumerPerformance(output);
  return {
    records: line.records,
    valueBytes: spec.valueBytes,
    seconds: line.fetchSeconds,
    ...usage,
  };
}

/** Publish latency at a fixed rate; the tool throttles its sends, so send time is the intended time. */
async function latency(tools: JavaTools, spec: CellSpec): Promise<CellResult> {
  const { output, usage } = await runTool(
    tools,
    'org.apache.kafka.tools.ProducerPerformance',
    // Sent as they come, like the Node cells, and without the warm-up they also leave out.
    produceArgs(spec, {
      records: latencyRecords(spec),
      rate: spec.ratePerSecond as number,
      lingerMs: 0,
      warmupRecords: Math.round(((spec.ratePerSecond as number) * latencyWarmupMs) / 1000),
    }),
  );
  const line = parseProducerPerformance(output);
  return {
    records: line.records,
    valueBytes: spec.valueBytes,
    seconds: line.records / line.recordsPerSecond,
    publishLatencyMs: line.latencyMs,
    ...usage,
  };
}

/** One record at a time, each sent, acknowledged and consumed before the next. */
async function singleSend(tools: JavaTools, spec: CellSpec): Promise<CellResult> {
  const startedAt = Date.now();
  const { output, usage } = await runTool(tools, 'org.apache.kafka.tools.EndToEndLatency', [
    ...whereAndHowMany(spec, spec.records),
    '--producer-acks',
    'all',
    '--record-size',
    String(spec.valueBytes),
  ]);
  return {
    records: spec.records,
    valueBytes: spec.valueBytes,
    seconds: (Date.now() - startedAt) / 1000,
    endToEndLatencyMs: parseEndToEndLatency(output),
    ...usage,
  };
}

/** The Kafka tools have no serde or consume-transform-produce counterpart. */
export function javaCell(tools: JavaTools, spec: CellSpec): Promise<CellResult> | undefined {
  switch (spec.workload) {
    case 'produce':
      return produce(tools, spec);
    case 'consume':
      return consume(tools, spec);
    case 'latency':
      return latency(tools, spec);
    case 'single-send':
      return singleSend(tools, spec);
    default:
      return undefined;
  }
}
