import { integer, list, readConfig, url } from '@fieldline/shared-config';

export function detectorConfig(env: NodeJS.ProcessEnv = process.env) {
  return readConfig(
    {
      port: integer('PORT', { default: 8081, min: 0, max: 65_535 }),
      kafkaBrokers: list('KAFKA_BROKERS'),
      schemaRegistryUrl: url('SCHEMA_REGISTRY_URL'),
      databaseUrl: url('DATABASE_URL'),
      /** How often each partition's window state is checkpointed to PostgreSQL. */
      checkpointIntervalMs: integer('PATTERN_CHECKPOINT_INTERVAL_MS', {
        default: 10_000,
        min: 100,
      }),
      concurrentPartitions: integer('PATTERN_CONCURRENT_PARTITIONS', { default: 6, min: 1 }),
    },
    env,
  );
}
