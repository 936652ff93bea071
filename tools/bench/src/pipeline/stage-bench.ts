import { performance } from 'node:perf_hooks';
import {
  kafkajsBroker,
  namespacedGroup,
  namespacedTopicNames,
  TopicNames,
} from '@fieldline/platform-kafka';
import { buildApps, bundleFile } from '@fieldline/deploy';
import { isolatedEnvironment, ServiceProcess } from '@fieldline/stack';
import { processUsage } from '../measure/process-sampler';
import { groupLag } from './group-lag';
import { BackgroundReadings } from './readings';

export interface StageBenchOptions {
  readonly endpoints: { kafkaBrokers: string[]; schemaRegistryUrl: string; databaseUrl: string };
  /** Readings sent through the gateway, then detected. */
  readonly readings: number;
  /** Batch requests the load generator keeps in flight. */
  readonly concurrency: number;
  readonly log: (line: string) => void;
}

export interface StageResult {
  readonly stage: 'ingest-gateway' | 'pattern-detector';
  readonly readings: number;
  readonly readingsPerSecond: number;
  /** CPU time of the app's process (all its threads) per reading. */
  readonly cpuMicrosPerReading: number;
  /** Share of one core over the measured time. */
  readonly cpuPercent: number;
  readonly maxRssMb: number;
}

const batchSize = 1_000;

/**
 * Each pipeline stage alone, as fast as it goes: the gateway takes batches of readings from
 * clients that keep `concurrency` requests in flight, then the pattern detector, started on its
 * own, drains what the gateway wrote. What each costs per reading, without the other stages and
 * the load generator taking their share of the two cores as in the open-loop pipeline bench.
 */
export async function runStageBench(options: StageBenchOptions): Promise<StageResult[]> {
  const environment = await isolatedEnvironment(options.endpoints, 'bench-stages', {
    KAFKA_SESSION_TIMEOUT_MS: '10000',
  });
  const admin = kafkajsBroker({
    brokers: options.endpoints.kafkaBrokers,
    clientId: 'bench-stages',
  }).admin();
  try {
    await buildApps();
    await admin.connect();
    const ingest = await measureGateway(environment.env, options);
    options.log(`the detector drains ${ingest.readings} readings`);
    const topic = new TopicNames(namespacedTopicNames(environment.namespace)).physical(
      'observations',
    );
    const group = namespacedGroup(environment.namespace, 'pattern-detector');
    // It may start on the backlog while it becomes ready: what it drains is what is left then.
    const detect = await measureStage('pattern-detector', environment.env, async () => {
      const backlog = await groupLag(admin, topic, group, false);
      while ((await groupLag(admin, topic, group, false)) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return backlog;
    });
    return [ingest, detect];
  } finally {
    await admin.disconnect();
    await environment.dispose();
  }
}

async function measureGateway(
  env: Record<string, string>,
  options: StageBenchOptions,
): Promise<StageResult> {
  // Bodies made before the clock starts: the load generator's own work is not measured.
  const background = new BackgroundReadings(2_000);
  const hourAgo = Date.now() - 3_600_000;
  const bodies = Array.from({ length: Math.ceil(options.readings / batchSize) }, (_, index) =>
    JSON.stringify({ observations: background.take(batchSize, hourAgo + index * 50) }),
  );
  return measureStage(
    'ingest-gateway',
    env,
    async (url) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (next < bodies.length) await post(url, bodies[next++] as string);
        }),
      );
      return bodies.length * batchSize;
    },
    async (url) => {
      // Schemas fetched, connections open and code warm before the clock starts.
      for (let warm = 0; warm < 5; warm++) {
        await post(url, JSON.stringify({ observations: background.take(batchSize, hourAgo) }));
      }
      options.log(`the gateway takes ${options.readings} readings`);
    },
  );
}

/** Starts the app, runs `work` (which says how many readings it covered) and measures it. */
async function measureStage(
  stage: StageResult['stage'],
  env: Record<string, string>,
  work: (url: string) => Promise<number>,
  warmUp?: (url: string) => Promise<void>,
): Promise<StageResult> {
  const app = await ServiceProcess.start(stage, env, { bundle: bundleFile(stage) });
  try {
    await warmUp?.(app.url);
    const pid = app.pid as number;
    const before = processUsage(pid);
    const startedAt = performance.now();
    const readings = await work(app.url);
    const seconds = (performance.now() - startedAt) / 1000;
    const after = processUsage(pid);
    if (!before || !after) throw new Error(`${stage} exited during the stage bench`);
    const cpuMicros = after.cpuMicros - before.cpuMicros;
    return {
      stage,
      readings,
      readingsPerSecond: Math.round(readings / seconds),
      cpuMicrosPerReading: cpuMicros / readings,
      cpuPercent: Math.round((cpuMicros / 1e6 / seconds) * 100),
      maxRssMb: Math.round(after.maxRssMb),
    };
  } finally {
    await app.stop();
  }
}

async function post(url: string, body: string): Promise<void> {
  const response = await fetch(`${url}/v1/observations/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 202) throw new Error(`the gateway answered ${response.status}`);
}

/** The stage bench's results as docs/performance.md shows them. */
export function stageReport(results: readonly StageResult[], machine: string): string {
  return [
    '## Each stage alone',
    '',
    machine,
    '',
    '| stage | readings | readings/s | CPU µs per reading | CPU % of a core | max RSS MB |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.stage} | ${r.readings} | ${r.readingsPerSecond} | ${r.cpuMicrosPerReading.toFixed(1)} | ${r.cpuPercent} | ${r.maxRssMb} |`,
    ),
    '',
  ].join('\n');
}
