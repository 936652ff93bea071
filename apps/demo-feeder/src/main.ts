import { setTimeout as sleep } from 'node:timers/promises';
import { SampleObservations } from '@fieldline/domain-observations';
import { integer, readConfig, url } from '@fieldline/shared-config';
import { demoIncidents } from './demo-scenario';
import { ensureDemoSubscription } from './demo-subscription';

/**
 * Demo traffic for `npm start`: replays the last days of a sample grid through the gateway's
 * batch endpoint, faster than real time, then keeps up with the clock. Readings are never in
 * the future, so everything it sends is valid input.
 */
async function main(): Promise<void> {
  const config = readConfig({
    gatewayUrl: url('INGEST_GATEWAY_URL', { default: 'http://127.0.0.1:8080' }),
    notifierUrl: url('NOTIFIER_URL', { default: 'http://127.0.0.1:8084' }),
    rows: integer('DEMO_ROWS', { default: 6, min: 1, max: 99 }),
    cols: integer('DEMO_COLS', { default: 6, min: 1, max: 99 }),
    historyDays: integer('DEMO_HISTORY_DAYS', { default: 14, min: 1 }),
    stepMinutes: integer('DEMO_STEP_MINUTES', { default: 10, min: 1 }),
    tickMs: integer('DEMO_TICK_MS', { default: 500, min: 0 }),
  });
  const stepMs = config.stepMinutes * 60_000;
  const start = Math.floor((Date.now() - config.historyDays * 86_400_000) / stepMs) * stepMs;
  const data = new SampleObservations({
    rows: config.rows,
    cols: config.cols,
    seed: 42,
    incidents: demoIncidents(start, config.historyDays),
    source: 'demo-grid',
  });
  await ensureDemoSubscription(config.notifierUrl, log);
  await gatewayReady(config.gatewayUrl);
  log(`replaying ${config.historyDays} days of a ${config.rows}x${config.cols} grid`);
  let sent = 0;
  for (let at = start; ; at += stepMs) {
    while (at > Date.now()) await sleep(Math.min(at - Date.now(), 60_000));
    const readings = data.readingsAt(at).map((reading) => ({
      ...reading,
      observedAt: new Date(reading.observedAt).toISOString(),
    }));
    const response = await fetch(`${config.gatewayUrl}/v1/observations/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': `demo-${at}` },
      body: JSON.stringify({ observations: readings }),
    }).catch((error: unknown) => ({ ok: false, status: 0, text: async () => String(error) }));
    if (!response.ok) {
      log(
        `gateway answered ${response.status}: ${(await response.text()).slice(0, 300)}; retrying`,
      );
      at -= stepMs;
      await sleep(2_000);
      continue;
    }
    sent += readings.length;
    if ((at - start) % (6 * 3_600_000) === 0)
      log(`at ${new Date(at).toISOString()}: ${sent} readings sent`);
    if (at < Date.now() - stepMs) await sleep(config.tickMs);
  }
}

async function gatewayReady(gatewayUrl: string): Promise<void> {
  for (;;) {
    const ready = await fetch(`${gatewayUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await sleep(1_000);
  }
}

function log(message: string): void {
  process.stderr.write(`[demo-feeder] ${message}\n`);
}

main().catch((error: unknown) => {
  log(`stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
