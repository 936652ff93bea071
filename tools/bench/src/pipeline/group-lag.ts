import type { AdminPort } from '@fieldline/platform-kafka';

/**
 * Records of `topic` that consumer group `group` has not committed yet. On a topic written in
 * transactions (`transactional`), a commit marker takes an offset after its last record, and an
 * exactly-once stage commits the offset after the record, not after the marker: up to one
 * offset per partition is a marker, not a record behind.
 */
export async function groupLag(
  admin: AdminPort,
  topic: string,
  group: string,
  transactional: boolean,
): Promise<number> {
  const [marks, committed] = await Promise.all([
    admin.watermarks(topic),
    admin.committedOffsets(group, topic),
  ]);
  return marks.reduce((lag, mark) => {
    const at = committed.find((entry) => entry.partition === mark.partition)?.offset;
    const from = at === undefined || at === '-1' ? mark.low : at;
    return lag + Math.max(0, Number(BigInt(mark.high) - BigInt(from)) - (transactional ? 1 : 0));
  }, 0);
}

/**
 * The offsets `group` has committed on `topic`, summed over its partitions (a partition it has
 * not committed on counts from its low watermark): their growth over a window is what the group
 * handled in it, plus up to one transaction marker per partition and commit.
 */
export async function committedTotal(
  admin: AdminPort,
  topic: string,
  group: string,
): Promise<number> {
  const [marks, committed] = await Promise.all([
    admin.watermarks(topic),
    admin.committedOffsets(group, topic),
  ]);
  return marks.reduce((sum, mark) => {
    const at = committed.find((entry) => entry.partition === mark.partition)?.offset;
    return sum + Number(at === undefined || at === '-1' ? mark.low : at);
  }, 0);
}
