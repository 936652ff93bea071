import { integer, text } from '@fieldline/shared-config';

/** The notifier's own settings, beside every service's (platform-service). */
export const notifierSettings = {
  /** Where e-mail goes, e.g. smtp://127.0.0.1:2525; e-mail subscriptions fail without it. */
  smtpUrl: text('SMTP_URL', { default: '' }),
  mailFrom: text('NOTIFIER_MAIL_FROM', { default: 'Fieldline <notifications@fieldline.local>' }),
  webhookTimeoutMs: integer('NOTIFIER_WEBHOOK_TIMEOUT_MS', { default: 5_000, min: 100 }),
  /** Stream frames each instance keeps for clients that reconnect with `Last-Event-ID`. */
  streamReplayFrames: integer('NOTIFIER_STREAM_REPLAY_FRAMES', { default: 10_000, min: 0 }),
};
