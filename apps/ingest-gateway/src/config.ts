import { integer, list, pairs, readConfig, text, url } from '@fieldline/shared-config';

/** Everything the gateway reads from its environment, validated at start. */
export function gatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return readConfig(
    {
      port: integer('PORT', { default: 8080, min: 0, max: 65_535 }),
      kafkaBrokers: list('KAFKA_BROKERS'),
      schemaRegistryUrl: url('SCHEMA_REGISTRY_URL'),
      databaseUrl: url('DATABASE_URL'),
      maxBodyBytes: integer('INGEST_MAX_BODY_BYTES', { default: 1_048_576, min: 1_024 }),
      maxBatchSize: integer('INGEST_MAX_BATCH', { default: 5_000, min: 1 }),
      /** Per provider: WEBHOOK_SECRETS=generic=<secret>,stationhub=<secret>,floodwatch=<secret>. */
      webhookSecrets: pairs('WEBHOOK_SECRETS', { default: {} }),
      webhookToleranceSeconds: integer('WEBHOOK_TOLERANCE_SECONDS', { default: 300, min: 1 }),
      importChunkSize: integer('IMPORT_CHUNK_SIZE', { default: 1_000, min: 1 }),
      autoRegisterSchemas: text('FIELDLINE_AUTO_REGISTER_SCHEMAS', { default: 'false' }),
    },
    env,
  );
}

export type GatewayConfig = ReturnType<typeof gatewayConfig>;
