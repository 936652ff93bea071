import { metrics, type Counter } from '@opentelemetry/api';

export type WebhookOutcome = 'delivered' | 'retriable' | 'rejected' | 'unreachable';

let counter: Counter | undefined;

/** Counts webhook attempts by outcome and status (made on first use, after the SDK started). */
export function countWebhookAttempt(outcome: WebhookOutcome, status?: number): void {
  counter ??= metrics.getMeter('notifier').createCounter('fieldline.webhook.attempts', {
    description:
      'Outbound webhook attempts by outcome (delivered, retriable, rejected, unreachable)',
    unit: '{attempt}',
  });
  counter.add(1, {
    'fieldline.webhook.outcome': outcome,
    ...(status === undefined ? {} : { 'http.response.status_code': status }),
  });
}
