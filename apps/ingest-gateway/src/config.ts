import { integer, pairs } from '@fieldline/shared-config';

/** The gateway's own settings, beside every service's (platform-service). */
export const gatewaySettings = {
  maxBodyBytes: integer('INGEST_MAX_BODY_BYTES', { default: 1_048_576, min: 1_024 }),
  maxBatchSize: integer('INGEST_MAX_BATCH', { default: 5_000, min: 1 }),
  /** Per provider: WEBHOOK_SECRETS=generic=<secret>,stationhub=<secret>,floodwatch=<secret>. */
  webhookSecrets: pairs('WEBHOOK_SECRETS', { default: {} }),
  webhookToleranceSeconds: integer('WEBHOOK_TOLERANCE_SECONDS', { default: 300, min: 1 }),
  importChunkSize: integer('IMPORT_CHUNK_SIZE', { default: 1_000, min: 1 }),
};
