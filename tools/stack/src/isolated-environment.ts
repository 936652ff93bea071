import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { deleteTopicsWithPrefix } from './delete-topics';
import { runCli } from './service-process';

export interface IsolatedEnvironment {
  readonly namespace: string;
  /** What an app needs to run in it: endpoints, namespace and a database URL on its schema. */
  readonly env: Record<string, string>;
  /**
   * Deletes the namespace's topics and drops its PostgreSQL schema. Stop its apps first.
   */
  dispose(): Promise<void>;
}

/**
 * A namespace of its own on a shared stack: topics, groups and transactional ids under a
 * unique prefix (provisioned and registered by `fieldline deploy`) and a PostgreSQL schema of
 * its own, so a test or a bench run sees nothing of any other.
 */
export async function isolatedEnvironment(
  endpoints: {
    readonly kafkaBrokers: readonly string[];
    readonly schemaRegistryUrl: string;
    readonly databaseUrl: string;
  },
  prefix: string,
  extraEnv: Record<string, string> = {},
): Promise<IsolatedEnvironment> {
  const namespace = `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const schema = namespace.replace(/-/g, '_');
  await withDatabase(endpoints.databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const databaseUrl = new URL(endpoints.databaseUrl);
  databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
  const env = {
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    DATABASE_URL: databaseUrl.toString(),
    FIELDLINE_NAMESPACE: namespace,
    ...extraEnv,
  };
  await runCli(['deploy'], env);
  return {
    namespace,
    env,
    dispose: async () => {
      // Housekeeping: a run that did its work does not fail because its topics outlived it.
      await deleteTopicsWithPrefix(endpoints.kafkaBrokers, `${namespace}.`).catch(
        (error: unknown) =>
          process.stderr.write(`[stack] topics of ${namespace} not deleted: ${String(error)}\n`),
      );
      await withDatabase(endpoints.databaseUrl, (client) =>
        client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
      );
    },
  };
}

async function withDatabase(
  url: string,
  work: (client: Client) => Promise<unknown>,
): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
