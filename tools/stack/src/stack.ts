import fs from 'node:fs';
import type { Component, ComponentName, ComponentStatus } from './component';
import { componentNames } from './component';
import { kafkaComponent } from './components/kafka';
import { postgresComponent } from './components/postgres';
import { registryComponent } from './components/registry';
import type { StackContext } from './context';
import type { StackEndpoints } from './endpoints';
import { stackLayout } from './layout';
import { consoleProgress, type Progress } from './progress';
import { readStackSettings } from './settings';

/** The local stack: PostgreSQL, a KRaft Kafka broker and Apicurio Registry, on loopback. */
export interface Stack {
  readonly endpoints: StackEndpoints;
  readonly context: StackContext;
  /** Starts whatever is not running; resolves with the components this call started. */
  up(): Promise<ComponentName[]>;
  /** Stops the given components (default: all), registry first. */
  down(names?: readonly ComponentName[]): Promise<void>;
  restart(name: ComponentName): Promise<void>;
  status(): Promise<ComponentStatus[]>;
  /** Stops everything and deletes its data; downloaded artifacts are kept. */
  reset(): Promise<void>;
}

export interface StackOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly progress?: Progress;
}

export function createStack(options: StackOptions = {}): Stack {
  const settings = readStackSettings(options.env);
  const layout = stackLayout(settings);
  const context: StackContext = {
    settings,
    layout,
    progress: options.progress ?? consoleProgress(),
  };
  const components: Record<ComponentName, Component> = {
    postgres: postgresComponent(context),
    kafka: kafkaComponent(context),
    registry: registryComponent(context),
  };
  const endpoints: StackEndpoints = {
    kafkaBrokers: components.kafka.endpoint,
    kafkaSaslBrokers: `127.0.0.1:${settings.kafkaSaslPort}`,
    schemaRegistryUrl: components.registry.endpoint,
    databaseUrl: components.postgres.endpoint,
  };

  const prepareFolders = () => {
    for (const dir of [layout.artifacts, layout.data, layout.logs, layout.run]) {
      fs.mkdirSync(dir, { recursive: true });
    }
  };

  const startOne = async (name: ComponentName, started: ComponentName[]) => {
    const outcome = await components[name].start();
    if (outcome === 'started') started.push(name);
    else context.progress.done(name, 'already running');
  };

  const stopInOrder = async (names: readonly ComponentName[]) => {
    // Reverse start order: the registry depends on PostgreSQL.
    for (const name of [...componentNames].reverse()) {
      if (!names.includes(name)) continue;
      const outcome = await components[name].stop();
      context.progress.done(name, outcome);
    }
  };

  return {
    endpoints,
    context,
    async up() {
      prepareFolders();
      const started: ComponentName[] = [];
      try {
        // Kafka's artifacts and start-up overlap with PostgreSQL's; the registry needs PostgreSQL.
        await Promise.all([
          startOne('kafka', started),
          startOne('postgres', started).then(() => startOne('registry', started)),
        ]);
      } catch (error) {
        await stopInOrder(started).catch(() => undefined);
        throw error;
      }
      fs.writeFileSync(layout.endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`);
      return started;
    },
    down: (names = componentNames) => stopInOrder(names),
    async restart(name) {
      await components[name].stop();
      await components[name].start();
    },
    status: () => Promise.all(componentNames.map((name) => components[name].status())),
    async reset() {
      await stopInOrder(componentNames);
      for (const dir of [layout.data, layout.logs, layout.run]) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      fs.rmSync(layout.endpointsFile, { force: true });
    },
  };
}
