import { FieldlineError } from '@fieldline/shared-errors';
import type { SignedMessage } from './signed-message';
import { countWebhookAttempt } from './webhook-metrics';

/**
 * POSTs a signed notification. A 2xx is delivered; a timeout, a network failure, 408, 429 or a
 * 5xx may pass later (retriable); any other answer will not.
 */
export async function sendWebhook(
  url: string,
  notificationId: string,
  message: SignedMessage,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'fieldline-notifier',
        'x-fieldline-delivery': notificationId,
        'x-fieldline-timestamp': message.timestamp,
        'x-fieldline-signature': message.signature,
      },
      body: message.body,
      signal: AbortSignal.any([
        AbortSignal.timeout(options.timeoutMs),
        ...(options.signal ? [options.signal] : []),
      ]),
    });
    await response.arrayBuffer();
  } catch (error) {
    countWebhookAttempt('unreachable');
    throw new FieldlineError(
      'TRANSIENT_FAILURE',
      `webhook ${url} did not answer: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (response.ok) {
    countWebhookAttempt('delivered', response.status);
    return response.status;
  }
  const retriable = response.status === 408 || response.status === 429 || response.status >= 500;
  countWebhookAttempt(retriable ? 'retriable' : 'rejected', response.status);
  throw new FieldlineError(
    retriable ? 'TRANSIENT_FAILURE' : 'PERMANENT_FAILURE',
    `webhook ${url} answered ${response.status}`,
  );
}
