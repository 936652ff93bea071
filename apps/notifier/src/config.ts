import { integer, list, readConfig, text, url } from '@fieldline/shared-config';

export function notifierConfig(env: NodeJS.ProcessEnv = process.env) {
  return readConfig(
    {
      port: integer('PORT', { default: 8084, min: 0, max: 65_535 }),
      kafkaBrokers: list('KAFKA_BROKERS'),
      schemaRegistryUrl: url('SCHEMA_REGISTRY_URL'),
      databaseUrl: url('DATABASE_URL'),
      /** Where e-mail goes, e.g. smtp://127.0.0.1:2525; e-mail subscriptions fail without it. */
      smtpUrl: text('SMTP_URL', { default: '' }),
      mailFrom: text('NOTIFIER_MAIL_FROM', {
        default: 'Fieldline <notifications@fieldline.local>',
      }),
      webhookTimeoutMs: integer('NOTIFIER_WEBHOOK_TIMEOUT_MS', { default: 5_000, min: 100 }),
    },
    env,
  );
}

export type NotifierConfig = ReturnType<typeof notifierConfig>;
