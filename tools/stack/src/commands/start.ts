import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startTraceReceiver, type TraceReceiver } from '@fieldline/traces';
import { endpointEnvironment } from '../endpoints';
import type { Stack } from '../stack';
import { appUrlEnvironment, discoverApps, type RunnableApp } from './apps';
import { runInherited, stopChild } from './children';
import { describeEndpoints } from './endpoints';

/**
 * `npm start`: bring the stack up, run every app, print where to look, and on Ctrl-C stop
 * the apps and exactly the stack components this command started.
 */
export async function startEverything(stack: Stack): Promise<number> {
  const { repoRoot } = stack.context.settings;
  // Listen from the first moment: Ctrl-C while the stack comes up must still stop what started.
  let stopRequested = false;
  const stopSignal = new Promise<void>((resolve) => {
    const stop = () => {
      stopRequested = true;
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const started = await stack.up();
  if (stopRequested) {
    await stack.down(started);
    return 130;
  }
  const env = { ...process.env, ...endpointEnvironment(stack.endpoints) };
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  // Topics and subjects exist before any service connects, as a release's deploy hook does.
  process.stderr.write('[start] provisioning topics and registering schemas (fieldline deploy)\n');
  const deployed = await runInherited(
    tsx,
    [path.join(repoRoot, 'apps', 'cli', 'src', 'main.ts'), 'deploy'],
    {
      cwd: repoRoot,
      env,
    },
  );
  if (deployed !== 0 || stopRequested) {
    if (!stopRequested) {
      process.stderr.write(
        '[start] fieldline deploy failed; fix the drift or schema above, then run npm start again\n',
      );
    }
    await stack.down(started);
    return 1;
  }
  const apps = discoverApps(repoRoot);
  let traces: TraceReceiver;
  try {
    traces = await startTraceReceiver({ port: traceViewPort });
  } catch (error) {
    process.stderr.write(
      `[start] the trace view could not listen on 127.0.0.1:${traceViewPort}: ${String(error)}\n`,
    );
    await stack.down(started);
    return 1;
  }
  const appEnv = { ...env, ...appUrlEnvironment(apps), ...demoTelemetry(traces) };
  const children: ChildProcess[] = apps.map((app) => {
    process.stderr.write(`[start] ${app.name}: starting on ${app.url}\n`);
    // Its own process group: Ctrl-C reaches this command alone, which then stops each app
    // once with SIGTERM (a second signal would make an app skip its graceful shutdown).
    // Node itself runs the app (tsx as a loader): a tsx wrapper would exit on SIGTERM before
    // the app has finished stopping, and the stack would go down under it.
    return spawn(process.execPath, ['--import', 'tsx', app.entry], {
      cwd: repoRoot,
      env: { ...appEnv, PORT: String(app.port) },
      stdio: 'inherit',
      detached: true,
    });
  });
  process.stdout.write(describeEndpoints(stack.endpoints));
  process.stdout.write(
    apps.length === 0
      ? 'No apps exist yet; the stack runs on its own.\n'
      : whereToWatch(apps, traces),
  );
  process.stdout.write('Press Ctrl-C to stop what this command started.\n');

  // Signal listeners alone do not keep Node running; with no apps the loop would be empty.
  const keepAlive = setInterval(() => undefined, 60_000);
  await stopSignal;
  clearInterval(keepAlive);
  process.stderr.write('\n[start] stopping\n');
  await Promise.all(children.map((child) => stopChild(child, 15_000)));
  await traces.stop();
  await stack.down(started);
  return 0;
}

/** The links a person starting the demo wants first. */
/** Just below the apps' ports (see discoverApps). */
const traceViewPort = 18099;

/**
 * The apps export their spans to the local trace view. A demo batch is one trace of hundreds
 * of spans, so one batch in ten is kept; metrics stay on each app's /metrics.
 */
function demoTelemetry(traces: TraceReceiver): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: traces.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_TRACES_SAMPLER: process.env['OTEL_TRACES_SAMPLER'] ?? 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: process.env['OTEL_TRACES_SAMPLER_ARG'] ?? '0.1',
    OTEL_METRICS_EXPORTER: 'none',
    FIELDLINE_ENVIRONMENT: 'local',
  };
}

function whereToWatch(apps: readonly RunnableApp[], traces: TraceReceiver): string {
  const url = (name: string) =>
    apps.find((app) => app.name === name)?.url ?? `(${name} is not running)`;
  return [
    `Apps: ${apps.map((app) => `${app.name} ${app.url}`).join(', ')}`,
    'Where to watch:',
    `  Live notifications (SSE)  curl -N ${url('notifier')}/v1/streams/demo`,
    `  Field states              ${url('field-state')}/v1/field-states  (one region: .../v1/field-states/r-02-03)`,
    `  Subscriptions             ${url('notifier')}/v1/subscriptions`,
    `  Ingest                    ${url('ingest-gateway')}/v1/observations  (batch: /v1/observations/batch, files: /v1/imports)`,
    '  Any topic, decoded        npm run fieldline -- tail patterns   (or relationships, notifications, ...)',
    `  Traces (waterfall)        ${traces.url}/`,
    `  Metrics (Prometheus)      ${url('notifier')}/metrics  (every app serves /metrics)`,
    '',
  ].join('\n');
}
