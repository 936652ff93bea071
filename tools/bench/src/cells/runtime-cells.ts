// This library (B): typed events through the envelope, the registry serde (warm cache), the
// identity and trace headers, the publisher's batching and the consumer runner.
import type { ObservationRecorded } from '@fieldline/contracts';
import type { HandledEvent, KafkaRuntime, OutgoingEvent } from '@fieldline/platform-kafka';
import { MeasuredWindow } from '../measure/measured-window';
import { OpenLoopRun } from '../measure/open-loop-run';
import { timedSingleSends } from '../measure/timed-sends';
import type { CellResult, CellSpec } from './cell-spec';
import { observationCorpus, observationType, stamped, type CorpusEntry } from './corpus';
import { pipelined, until } from './driving';
import { benchRuntime, registryHost, sentAtHeader } from './cell-support';

function entriesFrom(corpus: readonly CorpusEntry[], from: number, count: number): CorpusEntry[] {
  return Array.from(
    { length: count },
    (_, index) => corpus[(from + index) % corpus.length] as CorpusEntry,
  );
}

async function withRuntime(
  spec: CellSpec,
  run: (runtime: KafkaRuntime) => Promise<CellResult>,
): Promise<CellResult> {
  const runtime = benchRuntime(spec, {
    observations: spec.topic,
    ...(spec.outputTopic ? { patterns: spec.outputTopic } : {}),
  });
  try {
    return await run(runtime);
  } finally {
    await runtime.stop();
  }
}

const produce = (spec: CellSpec) =>
  withRuntime(spec, async (runtime) => {
    const corpus = observationCorpus(spec.valueBytes);
    const publisher = runtime.publisher();
    const send = (from: number, count: number) =>
      publisher.publishBatch('observations', entriesFrom(corpus, from, count));
    await send(0, spec.batchSize ?? 100);
    const window = new MeasuredWindow(registryHost(spec));
    window.start();
    await pipelined(spec.records, spec.batchSize ?? 100, send);
    return window.stop(spec.records, spec.valueBytes);
  });

const consume = (spec: CellSpec) =>
  withRuntime(spec, async (runtime) => {
    const window = new MeasuredWindow(registryHost(spec));
    let consumed = 0;
    let result: CellResult | undefined;
    const counted = (records: number) => {
      window.start();
      consumed += records;
      if (consumed >= spec.records && !result) result = window.stop(consumed, spec.valueBytes);
    };
    const runner = runtime.consumer({
      groupId: spec.groupId as string,
      topics: ['observations'],
      fromBeginning: true,
    });
    // K and P count each fetched batch (eachBatch); B's counterpart is a batch handler.
    if (spec.variant === 'each-record') runner.on(observationType, async () => counted(1));
    else runner.onBatch(observationType, async (events) => counted(events.length));
    await runner.start();
    await until(
      () => result !== undefined,
      300_000,
      () => `consumed ${consumed}/${spec.records}`,
    );
    return result as CellResult;
  });

const latency = (spec: CellSpec) =>
  withRuntime(spec, async (runtime) => {
    const corpus = observationCorpus(spec.valueBytes);
    const run = new OpenLoopRun(spec);
    const runner = runtime
      .consumer({ groupId: spec.groupId as string, topics: ['observations'], fromBeginning: true })
      .on(observationType, async ({ headers }) => run.received(headers[sentAtHeader]));
    const publisher = runtime.publisher();
    await runner.start();
    return run.drive((first, intendedAt) => {
      const entries = entriesFrom(corpus, first, intendedAt.length).map((entry, index) => ({
        ...entry,
        options: { headers: { [sentAtHeader]: String(intendedAt[index]) } },
      }));
      return publisher.publishBatch('observations', entries);
    });
  });

const singleSend = (spec: CellSpec) =>
  withRuntime(spec, async (runtime) => {
    const corpus = observationCorpus(spec.valueBytes);
    const publisher = runtime.publisher({ lingerMs: 0 });
    const send = (index: number) => {
      const entry = corpus[index % corpus.length] as CorpusEntry;
      return publisher.publish('observations', entry.key, entry.event);
    };
    return timedSingleSends(spec, send);
  });

function patternOf(observation: ObservationRecorded): OutgoingEvent<'patterns'> {
  return {
    type: 'dev.fieldline.patterns.PatternDetected',
    patternId: observation.envelope.eventId,
    regionId: observation.regionId,
    kind: 'THRESHOLD_EXCEEDANCE',
    metrics: [observation.metric],
    phase: 'EMERGING',
    strength: observation.value,
    confidence: 1,
    window: { start: observation.observedAt, end: observation.observedAt },
    evidenceIds: [observation.envelope.eventId],
  };
}

/** Each observation becomes a PatternDetected: at-least-once runner, or an exactly-once stage. */
const consumeTransformProduce = (spec: CellSpec) =>
  withRuntime(spec, async (runtime) => {
    const window = new MeasuredWindow(registryHost(spec));
    let handled = 0;
    let result: CellResult | undefined;
    const counted = () => {
      handled += 1;
      if (handled >= spec.records && !result) result = window.stop(handled, spec.valueBytes);
    };
    const options = {
      groupId: spec.groupId as string,
      topics: ['observations' as const],
      fromBeginning: true,
    };
    // Registers the output subject before the measured window, as a deployed service would have.
    const publisher = runtime.publisher();
    const [first] = observationCorpus(spec.valueBytes, 1) as CorpusEntry[];
    const warmup = patternOf(stamped((first as CorpusEntry).event));
    await publisher.publish('patterns', { regionId: warmup.regionId }, warmup);
    // The same handler serves both: what it publishes commits with its record.
    const transform = async ({ event, publish }: HandledEvent<typeof observationType>) => {
      window.start();
      await publish('patterns', { regionId: event.regionId }, patternOf(event));
      counted();
    };
    const stage = spec.variant === 'eos' ? runtime.exactlyOnce(options) : runtime.consumer(options);
    await stage.on(observationType, transform).start();
    await until(
      () => result !== undefined,
      300_000,
      () => `handled ${handled}/${spec.records}`,
    );
    return result as CellResult;
  });

export const runtimeCells = {
  produce,
  consume,
  latency,
  'single-send': singleSend,
  ctp: consumeTransformProduce,
};
