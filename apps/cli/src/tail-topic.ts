import type { Connection, TailedRecord } from '@fieldline/platform-kafka';
import { runtimeFor } from './dead-letters';

export interface TailSelection {
  readonly fromBeginning: boolean;
  /** Stop after this many records. */
  readonly max: number | undefined;
  /** Only records whose type ends with this (e.g. PatternDetected). */
  readonly type: string | undefined;
}

/** `tail <topic>`: one JSON line per record, decoded through the registry, until Ctrl-C. */
export async function tailTopic(
  connection: Connection,
  topic: string,
  selection: TailSelection,
): Promise<boolean> {
  const tail = runtimeFor(connection).tail();
  let shown = 0;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  await tail.start(topic, { fromBeginning: selection.fromBeginning }, (record) => {
    if (selection.type && !record.type?.endsWith(selection.type)) return;
    if (selection.max !== undefined && shown >= selection.max) return;
    process.stdout.write(`${line(record)}\n`);
    shown += 1;
    if (selection.max !== undefined && shown >= selection.max) stop();
  });
  await stopped;
  await tail.stop();
  return true;
}

function line(record: TailedRecord): string {
  return JSON.stringify(
    {
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      type: record.type,
      key: record.key,
      ...(record.error ? { error: record.error } : { event: record.event }),
    },
    (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value),
  );
}
