// `npm run bench [-- runtime|pipeline] [--quick] [--repeats N]`: a benchmark, not a test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { createStack, ensureKafkaJars, findJava, readPinnedVersions } from '@fieldline/stack';
import { runPipelineBench } from './pipeline/pipeline-bench';
import { pipelineReport } from './pipeline/pipeline-report';
import { runStageBench, stageReport } from './pipeline/stage-bench';
import { runtimePlan } from './suite/plan';
import { buildReport } from './suite/report';
import { bundleNodeCells } from './suite/node-cell';
import { runSuite } from './suite/run-suite';
import { BenchTopics } from './suite/topics';

const usage = `Usage: npm run bench -- [runtime|pipeline|stages] [--quick] [--repeats N]

  runtime     the Kafka runtime against raw kafkajs and Kafka's own perf tools (default)
  pipeline    the five pipeline apps driven open-loop at 1k, 5k and 20k observations/s
  stages      the gateway, then the pattern detector, each alone as fast as it goes
  --quick     a tenth of the records and one repeat: checks the bench itself still runs
  --repeats   interleaved repeats per cell (default 3)
`;

function machine(java: string, legend = true): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const javaVersion = spawnSync(java, ['-version'], { encoding: 'utf8' }).stderr;
  const versions = readPinnedVersions();
  return [
    `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    `Node ${process.version}, Java ${/version "([^"]+)"/.exec(javaVersion)?.[1] ?? '?'}, Kafka ${versions.kafka} (one broker, KRaft, local disk), kafkajs 2.2.4, ${new Date().toISOString().slice(0, 10)}`,
    ...(legend
      ? [
          'J = Kafka perf tools from the same jars, K = raw kafkajs 2.2.4 as published, P = the same on kafkajs as patched here, B = this runtime; medians of the repeats (min–max).',
        ]
      : []),
  ].join('\n');
}

function parsed(argv: readonly string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { quick: { type: 'boolean' }, repeats: { type: 'string' } },
    });
    const quick = values.quick ?? false;
    return {
      suite: positionals[0] ?? 'runtime',
      quick,
      repeats: values.repeats === undefined ? (quick ? 1 : 3) : Number(values.repeats),
      extra: positionals.slice(1),
    };
  } catch {
    return undefined;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parsed(argv);
  if (args?.suite === 'pipeline' && args.extra.length === 0) return pipeline(args.quick);
  if (args?.suite === 'stages' && args.extra.length === 0) return stages(args.quick);
  if (
    !args ||
    args.suite !== 'runtime' ||
    args.extra.length > 0 ||
    !Number.isInteger(args.repeats) ||
    args.repeats < 1
  ) {
    process.stderr.write(usage);
    return 2;
  }
  const { quick, repeats } = args;
  const stack = createStack();
  const started = await stack.up();
  let topics: BenchTopics | undefined;
  try {
    const java = {
      java: findJava(stack.context.settings),
      kafkaLibs: await ensureKafkaJars(stack.context),
    };
    const brokers = stack.endpoints.kafkaBrokers.split(',');
    const runId = runStamp();
    topics = new BenchTopics(brokers, `bench.${runId}`);
    const rows = runtimePlan({ quick });
    const results = await runSuite(rows, {
      brokers,
      schemaRegistryUrl: stack.endpoints.schemaRegistryUrl,
      repeats,
      java,
      topics,
      cellBundle: await bundleNodeCells(),
      log: (line) => process.stderr.write(`[bench] ${line}\n`),
    });
    const report = buildReport(rows, results, machine(java.java));
    writeReport(
      stack.context.settings.home,
      `runtime-${runId}${quick ? '-quick' : ''}`,
      report.markdown,
      Object.fromEntries(results),
    );
    return 0;
  } finally {
    // Housekeeping: a failed cleanup neither hides the run's own error nor keeps the stack up.
    await topics
      ?.removeAll()
      .catch((error: unknown) =>
        process.stderr.write(`[bench] topics of this run not deleted: ${String(error)}\n`),
      );
    await stack.down(started);
  }
}

/** `npm run bench -- pipeline`: the apps as processes on the local stack, in a namespace of their own. */
async function pipeline(quick: boolean): Promise<number> {
  const stack = createStack();
  const started = await stack.up();
  try {
    const java = findJava(stack.context.settings);
    const seconds = quick ? 5 : 20;
    const results = await runPipelineBench({
      endpoints: {
        kafkaBrokers: stack.endpoints.kafkaBrokers.split(','),
        schemaRegistryUrl: stack.endpoints.schemaRegistryUrl,
        databaseUrl: stack.endpoints.databaseUrl,
      },
      rates: quick ? [1_000] : [1_000, 5_000, 20_000],
      seconds,
      log: (line) => process.stderr.write(`[bench] ${line}\n`),
    });
    writeReport(
      stack.context.settings.home,
      `pipeline-${runStamp()}${quick ? '-quick' : ''}`,
      pipelineReport(results, machine(java, false), seconds),
      results,
    );
    return 0;
  } finally {
    await stack.down(started);
  }
}

/** `npm run bench -- stages`: the gateway, then the detector, each alone on the local stack. */
async function stages(quick: boolean): Promise<number> {
  const stack = createStack();
  const started = await stack.up();
  try {
    const java = findJava(stack.context.settings);
    const results = await runStageBench({
      endpoints: {
        kafkaBrokers: stack.endpoints.kafkaBrokers.split(','),
        schemaRegistryUrl: stack.endpoints.schemaRegistryUrl,
        databaseUrl: stack.endpoints.databaseUrl,
      },
      readings: quick ? 30_000 : 300_000,
      concurrency: 4,
      log: (line) => process.stderr.write(`[bench] ${line}\n`),
    });
    writeReport(
      stack.context.settings.home,
      `stages-${runStamp()}${quick ? '-quick' : ''}`,
      stageReport(results, machine(java, false)),
      results,
    );
    return 0;
  } finally {
    await stack.down(started);
  }
}

function runStamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Prints a report and writes it, with its raw results, to .fieldline/bench/<name>.{md,json}. */
function writeReport(home: string, name: string, markdown: string, results: unknown): void {
  const outDir = path.join(home, 'bench');
  fs.mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, name);
  fs.writeFileSync(`${base}.md`, markdown);
  fs.writeFileSync(`${base}.json`, JSON.stringify(results, null, 2));
  process.stdout.write(`${markdown}\nWritten to ${base}.md and ${base}.json\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
