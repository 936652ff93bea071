import { signatureMatches, signPayload } from '@fieldline/shared-signing';
import type { Received } from '../support/receivers';

export const amplificationCondition = [
  { on: 'relationship', kinds: ['amplifies'], minStrength: 0.3 },
];
export const watchedRegions = ['r-01-01', 'r-01-02'];

/** Creates a subscription at the notifier; resolves with its id and signing secret. */
export async function subscribe(
  notifierUrl: string,
  channel: 'webhook' | 'stream' | 'email',
  target: string,
): Promise<{ id: string; secret: string }> {
  const response = await fetch(`${notifierUrl}/v1/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `e2e ${channel}`,
      channel,
      target,
      conditions: amplificationCondition,
      regionIds: watchedRegions,
    }),
  });
  if (response.status !== 201)
    throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; secret: string };
}

/** Uploads a CSV file to the gateway's bulk import; resolves with the status and the report. */
export async function importCsv(gatewayUrl: string, header: string, lines: readonly string[]) {
  const response = await fetch(`${gatewayUrl}/v1/imports`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: `${header}\n${lines.join('\n')}\n`,
  });
  return {
    status: response.status,
    report: (await response.json()) as {
      accepted: number;
      rejected: number;
      rejectedLines: { line: number; problems: { field: string; reason: string }[] }[];
    },
  };
}

/** True when the message was signed with the subscription's secret, as a subscriber checks it. */
export function verifies(message: Received, secret: string): boolean {
  return signatureMatches(
    `sha256=${signPayload(secret, message.timestamp, message.body)}`,
    message.signature,
  );
}
