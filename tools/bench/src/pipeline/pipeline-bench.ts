import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  kafkajsBroker,
  namespacedGroup,
  namespacedTopicNames,
  TopicNames,
} from '@fieldline/platform-kafka';
import { buildApps, bundleFile } from '@fieldline/deploy';
import { isolatedEnvironment, pipelineApps, ServiceProcess } from '@fieldline/stack';
import { LatencyRecorder } from '../measure/latency-recorder';
import { ProcessSampler, type ProcessUsage } from '../measure/process-sampler';
import { committedTotal, groupLag } from './group-lag';
import { BackgroundReadings, probeReadings } from './readings';

/** Which consumer group reads which topic, per app: what "keeping up" is measured on. */
const stages = [
  ['pattern-detector', 'pattern-detector', 'observations'],
  ['field-state', 'field-state', 'patterns'],
  ['relationship-detector', 'relationship-detector.repartition', 'patterns'],
  ['notifier', 'notifier', 'patterns'],
] as const;

export interface PipelineBenchOptions {
  readonly endpoints: { kafkaBrokers: string[]; schemaRegistryUrl: string; databaseUrl: string };
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly log: (line: string) => void;
}

export interface RateResult {
  readonly offered: number;
  /** Readings the gateway acknowledged per second, over the sends or until the last answer. */
  readonly accepted: number;
  /** When the gateway answered the last send, from the first send. */
  readonly answeredWithinMs: number;
  readonly refused: number;
  readonly lagAtEnd: Record<string, number>;
  /**
   * Offsets each stage committed per second from the first send to the last answer: the
   * records it handled (and, on a topic written in transactions, their commit markers).
   */
  readonly handledPerSecond: Record<string, number>;
  readonly drainedWithinMs: number | undefined;
  readonly usage: Record<string, ProcessUsage & { cpuPercent: number }>;
  readonly probesSent: number;
  readonly probesNotified: number;
  readonly latency: { p50: number; p99: number };
}

/**
 * Drives the running pipeline open-loop: every 50 ms a batch of ordinary readings at the
 * offered rate through the gateway's batch endpoint, and every second a latency probe.
 */
export async function runPipelineBench(options: PipelineBenchOptions): Promise<RateResult[]> {
  const receiver = await notificationReceiver();
  const environment = await isolatedEnvironment(options.endpoints, 'bench-pipeline', {
    KAFKA_SESSION_TIMEOUT_MS: '10000',
  });
  // The apps run as the image runs them: their bundles, with plain Node.
  await buildApps();
  const starting = await Promise.allSettled(
    pipelineApps.map((name) =>
      ServiceProcess.start(name, environment.env, { bundle: bundleFile(name) }),
    ),
  );
  const running = starting.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  );
  const failed = starting.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((app) => app.stop()));
    await environment.dispose();
    await receiver.close();
    throw failed.reason;
  }
  const url = (name: string) => running.find((app) => app.name === name)!.url;
  const admin = kafkajsBroker({
    brokers: options.endpoints.kafkaBrokers,
    clientId: 'bench-pipeline',
  }).admin();
  await admin.connect();
  const topics = new TopicNames(namespacedTopicNames(environment.namespace));
  const groups: StageGroups = {
    // The detector writes patterns in transactions; the gateway writes observations without.
    lag: (group, topic) =>
      groupLag(
        admin,
        topics.physical(topic),
        namespacedGroup(environment.namespace, group),
        topic === 'patterns',
      ),
    committed: (group, topic) =>
      committedTotal(admin, topics.physical(topic), namespacedGroup(environment.namespace, group)),
  };
  try {
    await subscribe(url('notifier'), receiver.url);
    const drive = (rate: number, seconds: number, label: string) =>
      driveRate(rate, seconds, label, url('ingest-gateway'), running, receiver, groups);
    // Each stage's first records fetch schemas from the registry, open connections and run
    // cold code; a warm-up at the lowest rate keeps that out of the first measured probes.
    const warmUpRate = Math.min(...options.rates);
    options.log(`warming up: ${warmUpRate} observations/s for ${warmUpSeconds} s, not measured`);
    await drive(warmUpRate, warmUpSeconds, 'warm-up');
    const results: RateResult[] = [];
    for (const rate of options.rates) {
      options.log(`${rate} observations/s for ${options.seconds} s`);
      results.push(await drive(rate, options.seconds, String(rate)));
    }
    return results;
  } finally {
    await admin.disconnect();
    await Promise.all(running.map((app) => app.stop()));
    await environment.dispose();
    await receiver.close();
  }
}

const warmUpSeconds = 5;

/** Reads each stage's consumer group on its input topic. */
interface StageGroups {
  lag(group: string, topic: 'observations' | 'patterns'): Promise<number>;
  committed(group: string, topic: 'observations' | 'patterns'): Promise<number>;
}

/** `label` names the run's probe regions, which must differ between runs. */
async function driveRate(
  rate: number,
  seconds: number,
  label: string,
  gatewayUrl: string,
  running: readonly ServiceProcess[],
  receiver: Awaited<ReturnType<typeof notificationReceiver>>,
  groups: StageGroups,
): Promise<RateResult> {
  const background = new BackgroundReadings(2_000);
  const samplers = running.map((app) => [app.name, new ProcessSampler(app.pid!)] as const);
  const cpuBefore = await settle(samplers);
  const committedBefore = await Promise.all(
    stages.map(([, group, topic]) => groups.committed(group, topic)),
  );
  const tickMs = 50;
  const ticks = Math.round((seconds * 1000) / tickMs);
  const startedAt = performance.now();
  const wallStart = Date.now();
  const probes = new Map<string, number>();
  let accepted = 0;
  let refused = 0;
  const sends: Promise<void>[] = [];
  const post = (readings: object[]) =>
    fetch(`${gatewayUrl}/v1/observations/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ observations: readings }),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.status === 202) accepted += readings.length;
        else refused += readings.length;
      })
      .catch(() => void (refused += readings.length));
  for (let tick = 0; tick < ticks; tick++) {
    const due = startedAt + tick * tickMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const intendedWall = wallStart + tick * tickMs;
    const readings = background.take(Math.round((rate * tickMs) / 1000), intendedWall);
    if (tick % (1000 / tickMs) === 0) {
      const probe = `${label}-${tick}`;
      probes.set(`probe-${probe}`, intendedWall);
      readings.push(...probeReadings(probe, intendedWall));
    }
    sends.push(post(readings));
  }
  await Promise.all(sends);
  // Sends are never held back, so a gateway that falls behind answers after the window ends:
  // its rate is what it acknowledged over the time it took, not over the window.
  const answeredWithinMs = performance.now() - startedAt;
  const [lagAtEnd, handledPerSecond] = await Promise.all([
    Promise.all(
      stages.map(async ([app, group, topic]) => [app, await groups.lag(group, topic)] as const),
    ).then((entries) => Object.fromEntries(entries)),
    Promise.all(
      stages.map(async ([app, group, topic], index) => {
        const handled = (await groups.committed(group, topic)) - (committedBefore[index] ?? 0);
        return [app, Math.round(handled / (answeredWithinMs / 1000))] as const;
      }),
    ).then((entries) => Object.fromEntries(entries)),
  ]);
  const drainStarted = Date.now();
  let drainedWithinMs: number | undefined;
  while (Date.now() - drainStarted < 60_000) {
    const lags = await Promise.all(stages.map(([, group, topic]) => groups.lag(group, topic)));
    if (lags.every((lag) => lag === 0)) {
      drainedWithinMs = Date.now() - drainStarted;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const usage = Object.fromEntries(
    samplers.map(([name, sampler]) => {
      const end = sampler.stop() ?? { cpuMicros: 0, maxRssMb: 0 };
      const cpuPercent =
        ((end.cpuMicros - (cpuBefore.get(name) ?? 0)) / 1e6 / elapsedSeconds) * 100;
      return [name, { ...end, cpuPercent: Math.round(cpuPercent) }];
    }),
  );
  const latency = new LatencyRecorder();
  let probesNotified = 0;
  for (const [region, intendedAt] of probes) {
    const arrivedAt = receiver.arrivals.get(region);
    if (arrivedAt === undefined) continue;
    probesNotified += 1;
    latency.recordMs(arrivedAt - intendedAt);
  }
  const { p50, p99 } = latency.percentiles();
  return {
    offered: rate,
    accepted: Math.round(accepted / Math.max(seconds, answeredWithinMs / 1000)),
    answeredWithinMs,
    refused,
    lagAtEnd,
    handledPerSecond,
    drainedWithinMs,
    usage,
    probesSent: probes.size,
    probesNotified,
    latency: { p50, p99 },
  };
}

/** Lets the samplers take a first reading; the CPU time each process had before the run. */
async function settle(
  samplers: readonly (readonly [string, ProcessSampler])[],
): Promise<Map<string, number>> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  return new Map(samplers.map(([name, sampler]) => [name, sampler.peek()?.cpuMicros ?? 0]));
}

async function subscribe(notifierUrl: string, target: string): Promise<void> {
  const response = await fetch(`${notifierUrl}/v1/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'bench probes',
      channel: 'webhook',
      target,
      conditions: [{ on: 'pattern', kinds: ['threshold_exceedance'], metrics: ['storm_surge'] }],
      rateLimit: { max: 1_000_000, perMs: 3_600_000 },
    }),
  });
  if (response.status !== 201)
    throw new Error(`the notifier refused the probe subscription: ${await response.text()}`);
}

/** The webhook that probe notifications arrive at: when each probe region's first one came. */
async function notificationReceiver() {
  const arrivals = new Map<string, number>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const now = Date.now();
      const { regionId } = JSON.parse(body) as { regionId: string };
      if (!arrivals.has(regionId)) arrivals.set(regionId, now);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/probes`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
