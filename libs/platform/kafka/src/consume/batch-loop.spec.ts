import {
  RebalanceSignal,
  type BatchControl,
  type IncomingBatch,
  type IncomingRecord,
} from '../port/broker-port';
import { failureHeaders } from '../retry/failure-headers';
import { handleBatch, type BatchLoopOptions } from './batch-loop';
import type { RecordOutcome } from './record-processor';

const handled: RecordOutcome = { kind: 'handled' };

function batchOf(count: number, headers: (offset: number) => Record<string, string> = () => ({})) {
  const records: IncomingRecord[] = Array.from({ length: count }, (_, offset) => ({
    topic: 'observations',
    partition: 0,
    offset: String(offset),
    key: null,
    value: Buffer.from('x'),
    headers: headers(offset),
    timestamp: 0,
  }));
  return { topic: 'observations', partition: 0, highWatermark: String(count), records };
}

/** A partition's control that records what the loop did to it. */
function recordingControl(heartbeat: () => Promise<void> = async () => undefined) {
  const log: string[] = [];
  const control: BatchControl = {
    heartbeat,
    markHandled: (offset) => log.push(`mark ${offset}`),
    commit: async () => {
      log.push('commit');
    },
    isActive: () => true,
    seek: (offset) => log.push(`seek ${offset}`),
  };
  return { log, control };
}

function loopOptions(overrides: Partial<BatchLoopOptions>): BatchLoopOptions {
  return {
    processor: { process: async () => handled },
    settle: () => undefined,
    heartbeatIntervalMs: 3_000,
    stopping: () => false,
    holdUntil: () => undefined,
    onOutcome: () => undefined,
    onInfrastructureFailure: () => undefined,
    ...overrides,
  };
}

/** A write the test finishes. */
function manualWrite() {
  let finish!: (error?: Error) => void;
  const written = new Promise<void>((resolve, reject) => {
    finish = (error) => (error ? reject(error) : resolve());
  });
  return { written, finish };
}

describe('handleBatch', () => {
  it('marks every record in order and commits once at the end', async () => {
    const { log, control } = recordingControl();
    await handleBatch(batchOf(3), control, loopOptions({}));
    expect(log).toEqual(['mark 0', 'mark 1', 'mark 2', 'commit']);
  });

  it('handles the next record while a write is in flight, and marks only once it is durable', async () => {
    const { log, control } = recordingControl();
    const writes = [manualWrite(), manualWrite()];
    const processed: string[] = [];
    const done = handleBatch(
      batchOf(2),
      control,
      loopOptions({
        processor: {
          process: async (record) => {
            processed.push(record.offset);
            return handled;
          },
        },
        settle: (record) => writes[Number(record.offset)]?.written,
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(processed).toEqual(['0', '1']);
    expect(log).toEqual([]);
    writes[1]?.finish();
    await new Promise((resolve) => setImmediate(resolve));
    // Record 1's write is done, but record 0's is not: nothing may be marked yet.
    expect(log).toEqual([]);
    writes[0]?.finish();
    await done;
    expect(log).toEqual(['mark 0', 'mark 1', 'commit']);
  });

  it('rewinds to the first record whose write failed and marks nothing from it on', async () => {
    const { log, control } = recordingControl();
    const failures: unknown[] = [];
    await handleBatch(
      batchOf(3),
      control,
      loopOptions({
        settle: (record) =>
          record.offset === '1' ? Promise.reject(new Error('broker gone')) : Promise.resolve(),
        onInfrastructureFailure: (error) => failures.push(error),
      }),
    );
    expect(log).toEqual(['mark 0', 'seek 1', 'commit']);
    expect(failures).toEqual([new Error('broker gone')]);
  });

  it('writes a record whose outputs Kafka refused where `refused` sends it, and goes on', async () => {
    const { log, control } = recordingControl();
    const outcomes: string[] = [];
    const deadLettered: RecordOutcome = {
      kind: 'dead-lettered',
      error: new Error('too large'),
      handlerRan: true,
      forward: { topic: 'observations.dlq', key: null, value: Buffer.from('x'), headers: {} },
    };
    const writtenTo: string[] = [];
    await handleBatch(
      batchOf(3),
      control,
      loopOptions({
        settle: (record, outcome) => {
          writtenTo.push(outcome.kind === 'dead-lettered' ? 'dlq' : record.offset);
          return record.offset === '1' && outcome.kind === 'handled'
            ? Promise.reject(new Error('too large'))
            : Promise.resolve();
        },
        refused: (record) => (record.offset === '1' ? deadLettered : undefined),
        onOutcome: (record, outcome) => outcomes.push(`${record.offset} ${outcome.kind}`),
      }),
    );
    expect(log).toEqual(['mark 0', 'mark 1', 'mark 2', 'commit']);
    expect(outcomes).toEqual(['0 handled', '1 dead-lettered', '2 handled']);
    expect(writtenTo).toEqual(['0', '1', '2', 'dlq']);
  });

  it('rewinds when the copy a refused record was given cannot be written either', async () => {
    const { log, control } = recordingControl();
    await handleBatch(
      batchOf(2),
      control,
      loopOptions({
        settle: (record) =>
          record.offset === '0' ? Promise.reject(new Error('refused')) : Promise.resolve(),
        refused: () => ({
          kind: 'dead-lettered',
          error: new Error('refused'),
          handlerRan: true,
          forward: { topic: 'observations.dlq', key: null, value: Buffer.from('x'), headers: {} },
        }),
      }),
    );
    expect(log).toEqual(['seek 0', 'commit']);
  });

  it('rewinds to a record the processor could not finish for a failure outside it', async () => {
    const { log, control } = recordingControl();
    await handleBatch(
      batchOf(3),
      control,
      loopOptions({
        processor: {
          process: async (record) => {
            if (record.offset === '2') throw new Error('registry down');
            return handled;
          },
        },
      }),
    );
    expect(log).toEqual(['mark 0', 'mark 1', 'seek 2', 'commit']);
  });

  it('hands records to the batch handlers in runs, the records of a failed run one at a time, marks each in order, and rewinds to a run that failed outside it', async () => {
    const { log, control } = recordingControl();
    const runsFrom: number[] = [];
    const alone: string[] = [];
    const settled: string[] = [];
    await handleBatch(
      batchOf(7),
      control,
      loopOptions({
        processor: {
          process: async (record) => {
            alone.push(record.offset);
            return handled;
          },
        },
        runs: {
          processRun: async (records, from) => {
            runsFrom.push(from);
            if (from === 3) return { kind: 'handle-alone', count: 2 };
            if (from === 6) throw new Error('broker down');
            // Records 0–2 form one batch, record 5 is handled alone.
            const outcomes = records.slice(from, from === 0 ? 3 : from + 1).map(() => handled);
            return { kind: 'handled', outcomes };
          },
        },
        settle: (record) => {
          settled.push(record.offset);
          return undefined;
        },
      }),
    );
    expect(runsFrom).toEqual([0, 3, 5, 6]);
    expect(alone).toEqual(['3', '4']);
    expect(settled).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(log).toEqual([
      'mark 0',
      'mark 1',
      'mark 2',
      'mark 3',
      'mark 4',
      'mark 5',
      'seek 6',
      'commit',
    ]);
  });

  it('holds the partition at a retry record that is not due, after marking the records before it', async () => {
    const { log, control } = recordingControl();
    const holds: number[] = [];
    const dueAt = 10_000;
    await handleBatch(
      batchOf(3, (offset): Record<string, string> =>
        offset === 1 ? { [failureHeaders.retryDueAt]: String(dueAt) } : {},
      ),
      control,
      loopOptions({
        now: () => 5_000,
        holdUntil: (_batch: IncomingBatch, until) => holds.push(until),
      }),
    );
    expect(log).toEqual(['mark 0', 'seek 1', 'commit']);
    expect(holds).toEqual([dueAt]);
  });

  it('ends the batch after the record in hand when the group rebalances, commits, then rethrows', async () => {
    let rebalancing = false;
    const { log, control } = recordingControl(async () => {
      if (rebalancing) throw new RebalanceSignal('rebalancing');
    });
    const done = handleBatch(
      batchOf(3),
      control,
      loopOptions({
        heartbeatIntervalMs: 10,
        processor: {
          process: async (record) => {
            if (record.offset === '1') {
              rebalancing = true;
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            return handled;
          },
        },
      }),
    );
    await expect(done).rejects.toBeInstanceOf(RebalanceSignal);
    expect(log).toEqual(['mark 0', 'mark 1', 'commit']);
  });

  it('stops taking records once the consumer is stopping', async () => {
    let stopping = false;
    const { log, control } = recordingControl();
    await handleBatch(
      batchOf(3),
      control,
      loopOptions({
        stopping: () => stopping,
        onOutcome: () => (stopping = true),
      }),
    );
    expect(log).toEqual(['mark 0', 'commit']);
  });

  it('heartbeats between records of a batch whose handlers never yield', async () => {
    let beats = 0;
    const { control } = recordingControl(async () => {
      beats += 1;
    });
    await handleBatch(
      batchOf(6),
      control,
      loopOptions({
        heartbeatIntervalMs: 20,
        processor: {
          process: async () => {
            const until = Date.now() + 10;
            while (Date.now() < until) {
              // Busy, as a CPU-bound handler is: no timer can fire meanwhile.
            }
            return handled;
          },
        },
      }),
    );
    expect(beats).toBeGreaterThanOrEqual(3);
  });
});
