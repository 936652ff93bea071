// How RecordProcessor.processRun groups a partition's records for a batch handler, and what
// becomes of a batch whose call fails or times out. Records are encoded by the runtime's own
// writer against an in-memory registry; nothing here talks to Kafka.
import { randomUUID } from 'node:crypto';
import type { EventName } from '@fieldline/contracts';
import { FieldlineError } from '@fieldline/shared-errors';
import { AvroSerde } from '@fieldline/platform-registry';
import type { IncomingRecord } from '../port/broker-port';
import { EventWriter, type OutgoingEvent } from '../publish/event-writer';
import { failureHeaders } from '../retry/failure-headers';
import { defaultRetryPolicy } from '../retry/retry-policy';
import { memoryRegistry } from '../testing/memory-registry';
import { samplePattern } from '../testing/sample-events';
import { TopicNames } from '../topics/topic-names';
import { HandlerDeadlines } from './deadline';
import type { BatchHandler, HandledEvent, RegisteredHandler } from './handled-event';
import { RecordProcessor, type RunResult } from './record-processor';

const detected = 'dev.fieldline.patterns.PatternDetected';
const evolved = 'dev.fieldline.patterns.PatternEvolved';
const key = { regionId: 'region-1' };

function evolution(patternId: string): OutgoingEvent<'patterns'> {
  return {
    type: evolved,
    patternId: randomUUID(),
    regionId: 'region-1',
    kind: 'THRESHOLD_EXCEEDANCE',
    metrics: ['HEAT_INDEX'],
    previousPhase: 'EMERGING',
    phase: 'STRENGTHENING',
    strength: 2,
    confidence: 1,
    window: { start: 0, end: 0 },
    evidenceIds: [patternId],
  };
}

/** A processor whose PatternDetected handler takes batches; PatternEvolved is handled alone. */
function setup(
  handleBatch: BatchHandler<typeof detected>,
  options: { maxSize?: number; deadlineMs?: number } = {},
) {
  const serde = new AvroSerde({ registry: memoryRegistry().registry, autoRegister: true });
  const topics = new TopicNames();
  const writer = new EventWriter(serde, topics, 'test');
  const handledAlone: string[] = [];
  const batch = handleBatch as unknown as BatchHandler<EventName>;
  const handlers = new Map<string, RegisteredHandler>([
    [
      detected,
      {
        handle: (handled) => batch([handled]),
        deadlineMs: options.deadlineMs ?? 5_000,
        batch: { handle: batch, maxSize: options.maxSize ?? 500 },
      },
    ],
    [
      evolved,
      {
        handle: async (handled) => {
          handledAlone.push(handled.offset);
        },
        deadlineMs: 5_000,
      },
    ],
  ]);
  const processor = new RecordProcessor({
    serde,
    topics,
    groupId: 'test-group',
    handlers,
    policy: { ...defaultRetryPolicy, attemptsInProcess: 1 },
    writer,
  });

  /** The partition's records, offsets from 0, as the writer encodes `events`. */
  const records = async (
    events: readonly (OutgoingEvent<'patterns'> | 'from-retry-topic')[],
  ): Promise<IncomingRecord[]> =>
    Promise.all(
      events.map(async (event, offset) => {
        const fromRetry = event === 'from-retry-topic';
        const prepared = await writer.prepare(
          'patterns',
          key,
          fromRetry ? samplePattern(`retried-${offset}`) : event,
        );
        const { record } = prepared;
        return {
          topic: record.topic,
          partition: 0,
          offset: String(offset),
          key: record.key,
          value: record.value,
          headers: fromRetry
            ? {
                ...record.headers,
                [failureHeaders.sourceTopic]: record.topic,
                [failureHeaders.sourcePartition]: '0',
                [failureHeaders.sourceOffset]: String(offset),
              }
            : record.headers,
          timestamp: 0,
        };
      }),
    );

  /** Runs processRun from the first record to the last, as the batch loop does. */
  const runAll = async (partition: readonly IncomingRecord[]) => {
    const runs: RunResult[] = [];
    const deadlines = new HandlerDeadlines();
    let ahead: Extract<RunResult, { kind: 'handled' }>['ahead'];
    for (let from = 0; from < partition.length;) {
      const run = await processor.processRun(partition, from, () => false, deadlines, ahead);
      runs.push(run);
      ahead = run.kind === 'handled' ? run.ahead : undefined;
      from += run.kind === 'handled' ? run.outcomes.length : run.count;
    }
    deadlines.close();
    return runs;
  };
  return { records, runAll, handledAlone, processor };
}

const offsetsOf = (events: readonly HandledEvent[]) => events.map((event) => event.offset);

describe('RecordProcessor.processRun', () => {
  it('hands consecutive first deliveries of one type to one call, up to the batch size, and the other records one at a time', async () => {
    const calls: string[][] = [];
    const { records, runAll, handledAlone } = setup(
      async (events) => {
        calls.push(offsetsOf(events));
      },
      { maxSize: 3 },
    );
    const partition = await records([
      samplePattern('a'),
      samplePattern('b'),
      samplePattern('c'),
      samplePattern('d'),
      evolution('d'),
      samplePattern('e'),
      'from-retry-topic',
      samplePattern('f'),
    ]);
    const runs = await runAll(partition);
    // The first record needs the registry; the ones after it join its batch once it is cached.
    expect(calls).toEqual([['0', '1', '2'], ['3'], ['5'], ['6'], ['7']]);
    expect(handledAlone).toEqual(['4']);
    expect(runs.map((run) => (run.kind === 'handled' ? run.outcomes.length : -1))).toEqual([
      3, 1, 1, 1, 1, 1,
    ]);
    expect(
      runs.flatMap((run) => (run.kind === 'handled' ? run.outcomes.map((o) => o.kind) : [])),
    ).toEqual(Array.from({ length: 8 }, () => 'handled'));
  });

  it("writes what each event of a successful call published, as that event's outcome", async () => {
    const { records, runAll } = setup(async (events) => {
      for (const { event, publish } of events) {
        if (event.patternId === 'b') continue;
        await publish('patterns', key, evolution(event.patternId));
      }
    });
    const runs = await runAll(await records(['a', 'b', 'c'].map(samplePattern)));
    const outcomes = runs.flatMap((run) => (run.kind === 'handled' ? run.outcomes : []));
    expect(
      outcomes.map((outcome) => outcome.kind === 'handled' && outcome.published?.length),
    ).toEqual([1, undefined, 1]);
  });

  it('has the records of a failed call handled again one at a time, so only the one at fault fails', async () => {
    const calls: string[][] = [];
    const { records, runAll, processor } = setup(async (events) => {
      calls.push(offsetsOf(events));
      for (const { event, publish } of events) {
        await publish('patterns', key, evolution(event.patternId));
        if (event.patternId === 'poison') throw new FieldlineError('PERMANENT_FAILURE', 'refused');
      }
    });
    const partition = await records(['a', 'poison', 'c'].map(samplePattern));
    // Nothing the failed call published is an outcome: it is never written.
    expect(await runAll(partition)).toEqual([{ kind: 'handle-alone', count: 3 }]);
    const deadlines = new HandlerDeadlines();
    const alone = [];
    for (const record of partition)
      alone.push(await processor.process(record, () => false, deadlines));
    deadlines.close();
    expect(calls).toEqual([['0', '1', '2'], ['0'], ['1'], ['2']]);
    expect(alone.map((outcome) => outcome.kind)).toEqual(['handled', 'dead-lettered', 'handled']);
    expect(alone.map((outcome) => outcome.kind === 'handled' && outcome.published?.length)).toEqual(
      [1, false, 1],
    );
  });

  it('sends every record of a call that ran past its deadline to the next retry topic', async () => {
    const { records, runAll } = setup(() => new Promise(() => undefined), { deadlineMs: 20 });
    const partition = await records(['a', 'b'].map(samplePattern));
    const runs = await runAll(partition);
    const outcomes = runs.flatMap((run) => (run.kind === 'handled' ? run.outcomes : []));
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['retry-later', 'retry-later']);
    expect(
      outcomes.map((outcome) =>
        outcome.kind === 'retry-later'
          ? [outcome.forward.topic, outcome.forward.headers[failureHeaders.sourceOffset]]
          : [],
      ),
    ).toEqual([
      ['patterns.test-group.retry.1', '0'],
      ['patterns.test-group.retry.1', '1'],
    ]);
  });
});
