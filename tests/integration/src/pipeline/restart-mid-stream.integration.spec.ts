import type { FieldStateUpdated, PatternDetected, PatternEvolved } from '@fieldline/contracts';
import { PatternDetector, type PatternChange } from '@fieldline/domain-patterns';
import { waitFor } from '@fieldline/testing';
import { heatWaveAndDroughtCsv, readingOfLine } from '../support/climate-csv';
import { Pipeline, pipelineApps } from '../support/pipeline';
import { sseListener, webhookReceiver } from '../support/receivers';
import { importCsv, subscribe } from './pipeline-fixture';

/** A pattern change as comparable across a run and a pure computation (ids aside). */
function shape(change: {
  regionId: string;
  kind: string;
  phase: string;
  strength: number;
  confidence: number;
  window: { start: number; end: number };
}): string {
  return JSON.stringify([
    change.regionId,
    change.kind,
    change.phase,
    change.strength,
    change.confidence,
    change.window.start,
    change.window.end,
  ]);
}

/** What the detector makes of the file's readings, computed in process from the domain alone. */
function expectedPatterns(lines: readonly string[]): string[] {
  const detector = new PatternDetector();
  const changes: PatternChange[] = lines.flatMap(
    (line, index) => detector.observe(readingOfLine(line, index)).changes,
  );
  return changes.map((change) => shape(change.pattern)).sort();
}

describe('restarting any one app mid-stream', () => {
  let pipeline: Pipeline;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let stream: Awaited<ReturnType<typeof sseListener>>;

  beforeAll(async () => {
    hook = await webhookReceiver();
    pipeline = await Pipeline.start();
  }, 240_000);

  afterAll(async () => {
    stream?.close();
    await pipeline?.stop();
    await hook?.close();
  });

  it('changes none of the outputs: the same patterns, gapless field-state versions, one notification per subscription', async () => {
    const notifier = pipeline.url('notifier');
    await subscribe(notifier, 'webhook', hook.url);
    await subscribe(notifier, 'stream', 'restarts');
    stream = await sseListener(`${notifier}/v1/streams/restarts`);

    const file = heatWaveAndDroughtCsv();
    const chunks = 10;
    const size = Math.ceil(file.lines.length / chunks);
    for (let chunk = 0; chunk < chunks; chunk++) {
      const { status } = await importCsv(
        pipeline.url('ingest-gateway'),
        file.header,
        file.lines.slice(chunk * size, (chunk + 1) * size),
      );
      expect(status).toBe(200);
      // While the chunk flows through, one app dies without warning and comes back.
      const app = pipeline.apps[pipelineApps[chunk % pipelineApps.length]!];
      process.stderr.write(`chunk ${chunk} imported; restarting ${app.name}\n`);
      await app.kill();
      if (app.name === 'notifier') stream.close();
      await app.launch();
      if (app.name === 'notifier') stream = await sseListener(`${notifier}/v1/streams/restarts`);
    }
    await waitFor(() => hook.received.length > 0, {
      description: 'the webhook notification',
      timeoutMs: 120_000,
    });
    await pipeline.settled(8_000);

    const run = [
      ...pipeline.events<PatternDetected>('patterns', 'PatternDetected'),
      ...pipeline.events<PatternEvolved>('patterns', 'PatternEvolved'),
    ];
    expect(run.map(shape).sort()).toEqual(expectedPatterns(file.lines));

    const states = pipeline.events<FieldStateUpdated>('field-states', 'FieldStateUpdated');
    for (const regionId of new Set(states.map((state) => state.regionId))) {
      const versions = states
        .filter((state) => state.regionId === regionId)
        .map((state) => state.version);
      expect(versions).toEqual(versions.map((_, index) => index + 1));
    }

    // At-least-once HTTP may repeat a delivery; it is the same delivery id, never a second one.
    expect(new Set(hook.received.map((message) => message.deliveryId)).size).toBe(1);
    const requested = pipeline.records.notifications.filter((record) =>
      record.type?.endsWith('NotificationRequested'),
    );
    expect(
      new Set(
        requested.map((record) => (record.event as { notificationId: string }).notificationId),
      ).size,
    ).toBe(2);
  });
});
