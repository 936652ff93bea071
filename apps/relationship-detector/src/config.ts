import { integer, list, readConfig, url } from '@fieldline/shared-config';

export function relationshipConfig(env: NodeJS.ProcessEnv = process.env) {
  return readConfig(
    {
      port: integer('PORT', { default: 8083, min: 0, max: 65_535 }),
      kafkaBrokers: list('KAFKA_BROKERS'),
      schemaRegistryUrl: url('SCHEMA_REGISTRY_URL'),
      databaseUrl: url('DATABASE_URL'),
      checkpointIntervalMs: integer('RELATIONSHIP_CHECKPOINT_INTERVAL_MS', {
        default: 10_000,
        min: 100,
      }),
    },
    env,
  );
}
