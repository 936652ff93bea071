import { setTimeout as sleep } from 'node:timers/promises';

const demoSubscription = {
  name: 'demo: hazards and what amplifies them',
  channel: 'stream',
  target: 'demo',
  conditions: [
    { on: 'relationship', kinds: ['amplifies'], minStrength: 0.5 },
    { on: 'pattern', kinds: ['threshold_exceedance'], minStrength: 0.3 },
  ],
};

/** Makes sure the notifier has the demo's stream subscription (once, however often it starts). */
export async function ensureDemoSubscription(
  notifierUrl: string,
  log: (message: string) => void,
): Promise<void> {
  for (;;) {
    try {
      const listed = (await (await fetch(`${notifierUrl}/v1/subscriptions`)).json()) as {
        subscriptions: { name: string }[];
      };
      if (listed.subscriptions.some((subscription) => subscription.name === demoSubscription.name))
        return;
      const created = await fetch(`${notifierUrl}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(demoSubscription),
      });
      if (created.ok) {
        log(`subscribed the "demo" stream: ${notifierUrl}/v1/streams/demo`);
        return;
      }
      log(`notifier refused the demo subscription: ${created.status} ${await created.text()}`);
      return;
    } catch {
      await sleep(1_000);
    }
  }
}
