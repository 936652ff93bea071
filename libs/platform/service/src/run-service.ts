import { Router as router, type Router } from 'express';
import { Pool } from 'pg';
import { listen, serviceApp, type ReadinessCheck } from '@fieldline/platform-http';
import {
  connectionOf,
  connectionSettings,
  KafkaRuntime,
  stopOnSignals,
  type RuntimeLog,
  type Stoppable,
} from '@fieldline/platform-kafka';
import { createLogger, runningTelemetry } from '@fieldline/platform-telemetry';
import {
  integer,
  readConfig,
  text,
  url,
  type ConfigValues,
  type Setting,
} from '@fieldline/shared-config';

/** What every service reads from its environment. */
function baseSettings(defaultPort: number) {
  return {
    port: integer('PORT', { default: defaultPort, min: 0, max: 65_535 }),
    /** Brokers, registry, their credentials and the namespace (an environment, a test). */
    ...connectionSettings(),
    databaseUrl: url('DATABASE_URL'),
    /** How long a member that died without leaving holds its partitions. */
    sessionTimeoutMs: integer('KAFKA_SESSION_TIMEOUT_MS', { default: 30_000, min: 6_000 }),
    /** Register writer schemas on first use (local development only). */
    autoRegisterSchemas: text('FIELDLINE_AUTO_REGISTER_SCHEMAS', { default: 'false' }),
  };
}

export type BaseConfig = ConfigValues<ReturnType<typeof baseSettings>>;
export type ServiceConfig<S> = BaseConfig & ConfigValues<S>;

/** What a service's composition gets: its configuration and the shared connections. */
export interface ServiceContext<S> {
  readonly name: string;
  readonly config: ServiceConfig<S>;
  readonly runtime: KafkaRuntime;
  readonly pool: Pool;
  readonly log: RuntimeLog;
}

/** A stage (consumer runner or exactly-once stage) the service starts and reports on. */
export interface RunningStage {
  start(): Promise<void>;
  /** `joined: false`, its own or a nested group's, makes the service unready (stageJoined). */
  stats(): object;
}

export interface ServiceComposition {
  /** Started together; their counters are served at `/stats`. Stopped with the runtime. */
  readonly stages?: Readonly<Record<string, RunningStage>>;
  /** Other things to start (e.g. topic tails) and stop. */
  readonly parts?: readonly (Stoppable & { start?(): Promise<void> })[];
  readonly routes?: readonly Router[];
  readonly readiness?: readonly ReadinessCheck[];
}

/**
 * The life of every Fieldline service: configuration validated at start (one line per bad
 * variable), one Kafka runtime and one PostgreSQL pool, the composition's stages and routes,
 * `/healthz`, `/readyz`, `/stats` and `/metrics`, JSON logs carrying the trace they belong to,
 * and a graceful stop on SIGTERM or SIGINT that flushes the telemetry last.
 */
export function runService<S extends Record<string, Setting<unknown>>>(options: {
  readonly name: string;
  readonly defaultPort: number;
  readonly settings?: S;
  readonly compose: (
    context: ServiceContext<S>,
  ) => Promise<ServiceComposition> | ServiceComposition;
}): void {
  const logger = createLogger(options.name);
  const log: RuntimeLog = (level, message, fields = {}) => logger[level](fields, message);
  start(options, log).catch(async (error: unknown) => {
    log('error', 'failed to start', {
      error: error instanceof Error ? error.message : String(error),
    });
    await runningTelemetry()?.shutdown();
    process.exit(1);
  });
}

async function start<S extends Record<string, Setting<unknown>>>(
  options: Parameters<typeof runService<S>>[0],
  log: RuntimeLog,
): Promise<void> {
  const config = readServiceConfig(options.defaultPort, options.settings ?? ({} as S));
  const base: BaseConfig = config;
  const connection = connectionOf(base);
  const runtime = new KafkaRuntime({
    app: options.name,
    brokers: connection.kafkaBrokers,
    security: connection.kafkaSecurity,
    schemaRegistryUrl: connection.schemaRegistryUrl,
    registryAuth: connection.registryAuth,
    namespace: connection.namespace,
    autoRegisterSchemas: base.autoRegisterSchemas === 'true',
    sessionTimeoutMs: base.sessionTimeoutMs,
    log,
  });
  const pool = new Pool({ connectionString: base.databaseUrl, max: 8 });
  const composition = await options.compose({ name: options.name, config, runtime, pool, log });
  const stages = Object.entries(composition.stages ?? {});
  const parts = composition.parts ?? [];
  await Promise.all([
    ...stages.map(([, stage]) => stage.start()),
    ...parts.map((part) => part.start?.()),
  ]);

  const stats = router()
    .get('/stats', (_request, response) => {
      response.json(Object.fromEntries(stages.map(([name, stage]) => [name, stage.stats()])));
    })
    .get('/metrics', (request, response) => {
      const telemetry = runningTelemetry();
      if (telemetry) telemetry.metricsHandler(request, response);
      else response.status(404).type('text/plain').send('telemetry is not started\n');
    });
  const http = serviceApp({
    readiness: [
      ...runtime.readiness(),
      ...stages.map(([name, stage]) => stageJoined(name, stage)),
      { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
      ...(composition.readiness ?? []),
    ],
    routes: [...(composition.routes ?? []), stats],
    log: (message, fields) => log('error', message, fields),
  });
  const server = await listen(http, base.port);
  log('info', 'running', { url: server.url, namespace: base.namespace || undefined });
  const everything: Stoppable[] = [
    server,
    ...parts,
    {
      // The pool goes last: stages write checkpoints and ledgers while they finish.
      stop: async (deadlineMs) => {
        const stopped = await runtime.stop(deadlineMs);
        await pool.end();
        return stopped;
      },
    },
  ];
  stopOnSignals(
    [
      {
        // Telemetry is flushed once everything else has stopped, so the spans of the last
        // requests and records are in it.
        stop: async (deadlineMs) => {
          const stopped = await Promise.all(everything.map((part) => part.stop(deadlineMs)));
          await runningTelemetry()?.shutdown();
          return stopped.every(Boolean);
        },
      },
    ],
    { log: (message) => log('info', message) },
  );
}

/**
 * Ready only once each stage's consumer has joined its group and holds its assignment: a
 * member still joining (or rejoining after its client was replaced) handles nothing yet.
 */
function stageJoined(name: string, stage: RunningStage): ReadinessCheck {
  return {
    name: `${name}-group`,
    check: async () => {
      if (joinedOf(stage.stats()) === false) {
        throw new Error(`the ${name} stage has not joined its consumer group yet`);
      }
    },
  };
}

/** A stage's `joined`, or, for a fan-out (stats by group), whether every group joined. */
function joinedOf(stats: object): boolean | undefined {
  if ('joined' in stats && typeof stats.joined === 'boolean') return stats.joined;
  const groups = Object.values(stats).filter(
    (value): value is { joined: boolean } =>
      typeof value === 'object' && value !== null && typeof value.joined === 'boolean',
  );
  return groups.length > 0 ? groups.every((group) => group.joined) : undefined;
}

/** The base settings and the service's own, read at once: every bad variable in one error. */
function readServiceConfig<S extends Record<string, Setting<unknown>>>(
  defaultPort: number,
  settings: S,
): ServiceConfig<S> {
  return readConfig({ ...baseSettings(defaultPort), ...settings }) as unknown as ServiceConfig<S>;
}
