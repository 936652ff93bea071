import type { FieldStateUpdated, PatternDetected, RelationshipFormed } from '@fieldline/contracts';
import { waitFor } from '@fieldline/testing';
import { heatWaveAndDroughtCsv } from '../support/climate-csv';
import { Pipeline } from '../support/pipeline';
import { smtpSink, sseListener, webhookReceiver, type Received } from '../support/receivers';
import { importCsv, subscribe, verifies, watchedRegions } from './pipeline-fixture';

describe('the pipeline, end to end', () => {
  let pipeline: Pipeline;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  let mail: Awaited<ReturnType<typeof smtpSink>>;
  let stream: Awaited<ReturnType<typeof sseListener>>;

  beforeAll(async () => {
    hook = await webhookReceiver();
    mail = await smtpSink();
    pipeline = await Pipeline.start({ SMTP_URL: mail.url });
  }, 240_000);

  afterAll(async () => {
    stream?.close();
    await pipeline?.stop();
    await hook?.close();
    await mail?.close();
  });

  it('turns a CSV with a heat wave beside a drought into patterns, field states, an amplifying relationship and one signed notification per subscription', async () => {
    const notifier = pipeline.url('notifier');
    const webhook = await subscribe(notifier, 'webhook', hook.url);
    const live = await subscribe(notifier, 'stream', 'e2e');
    const email = await subscribe(notifier, 'email', 'operator@example.test');
    stream = await sseListener(`${notifier}/v1/streams/e2e`);
    await waitFor(() => stream.lastEventId() !== undefined, {
      description: 'the stream saying where it starts',
    });
    const connectedAt = stream.lastEventId();

    const file = heatWaveAndDroughtCsv();
    const lines = [...file.lines];
    // Three bad lines among the good ones: lines 12, 102 and 202 of the file (after the header).
    lines.splice(10, 0, 'e2e-grid,r-00-00,heat_index,hot,degC,2026-01-01T00:00:00Z');
    lines.splice(100, 0, 'e2e-grid,r-00-00,rainfall,3,mm,2026-01-01T00:00:00Z');
    lines.splice(200, 0, 'e2e-grid,r-00-00,heat_index');
    const { status, report } = await importCsv(pipeline.url('ingest-gateway'), file.header, lines);
    expect(status).toBe(200);
    expect(report.accepted).toBe(file.lines.length);
    expect(
      report.rejectedLines.map((rejected) => [rejected.line, rejected.problems[0]?.field]),
    ).toEqual([
      [12, 'value'],
      [102, 'metric'],
      [202, '(line)'],
    ]);

    await waitFor(
      () => hook.received.length > 0 && stream.received.length > 0 && mail.received.length > 0,
      {
        description: 'a notification on the webhook, the stream and by e-mail',
        timeoutMs: 120_000,
      },
    );
    await pipeline.settled();

    const detected = pipeline.events<PatternDetected>('patterns', 'PatternDetected');
    const exceedances = detected.filter((p) => p.kind === 'THRESHOLD_EXCEEDANCE');
    expect(exceedances.map((p) => `${p.regionId} ${p.metrics.join('+')}`).sort()).toEqual(
      expect.arrayContaining(['r-01-01 HEAT_INDEX', 'r-01-02 DROUGHT_INDEX']),
    );
    expect(exceedances.every((p) => watchedRegions.includes(p.regionId))).toBe(true);

    const states = pipeline.events<FieldStateUpdated>('field-states', 'FieldStateUpdated');
    for (const regionId of watchedRegions) {
      const versions = states.filter((s) => s.regionId === regionId).map((s) => s.version);
      expect(versions.length).toBeGreaterThan(1);
      expect(versions).toEqual(versions.map((_, index) => index + 1));
      const current = (await (
        await fetch(`${pipeline.url('field-state')}/v1/field-states/${regionId}`)
      ).json()) as FieldStateUpdated;
      expect(current.version).toBe(versions.at(-1));
    }

    const formed = pipeline.events<RelationshipFormed>('relationships', 'RelationshipFormed');
    expect(
      formed
        .filter((r) => r.kind === 'AMPLIFIES')
        .map((r) => [r.sourceRegionId, r.targetRegionId].sort().join('+')),
    ).toContain('r-01-01+r-01-02');

    for (const [received, subscription] of [
      [hook.received, webhook],
      [stream.received, live],
      [mail.received, email],
    ] as const) {
      expect(received).toHaveLength(1);
      expect(verifies(received[0]!, subscription.secret)).toBe(true);
      expect(JSON.parse(received[0]!.body)).toMatchObject({
        subscriptionId: subscription.id,
        title: 'amplifies between patterns in r-01-01 and r-01-02',
      });
    }
    expect(verifies(hook.received[0]!, live.secret)).toBe(false);

    // A client that reconnects with the id it last saw gets what it missed, and only that.
    const missed = await sseListener(`${notifier}/v1/streams/e2e`, { lastEventId: connectedAt });
    const caughtUp = await sseListener(`${notifier}/v1/streams/e2e`, {
      lastEventId: stream.received[0]!.deliveryId,
    });
    try {
      await waitFor(() => missed.received.length > 0 && caughtUp.lastEventId() !== undefined, {
        description: 'the missed notification replayed',
      });
      // The same signed notification; its id is the position of the client it went to.
      const content = ({ deliveryId: _position, ...message }: Received) => message;
      expect(missed.received.map(content)).toEqual(stream.received.map(content));
      expect(missed.otherEvents).toEqual([]);
      expect(caughtUp.received).toEqual([]);
      // An id this service never gave (an older version's, say) still opens the stream, and
      // says the replay is incomplete rather than ending a browser's EventSource with an error.
      const unknown = await sseListener(`${notifier}/v1/streams/e2e`, {
        lastEventId: 'a6c1b3f0-notification-id',
      });
      await waitFor(() => unknown.lastEventId() !== undefined, {
        description: 'the stream opened for an unknown id',
      });
      unknown.close();
      expect(unknown.otherEvents).toEqual(['replay-incomplete']);
      expect(unknown.received).toEqual([]);
    } finally {
      missed.close();
      caughtUp.close();
    }
  });
});
