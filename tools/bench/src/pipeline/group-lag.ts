import type { AdminPort } from '@fieldline/platform-kafka';

/** Each partition's watermarks and the offset `group` committed (its low mark when none). */
async function positions(admin: AdminPort, topic: string, group: string) {
  const [marks, committed] = await Promise.all([
    admin.watermarks(topic),
    admin.committedOffsets(group, topic),
  ]);
  return marks.map((mark) => {
    const at = committed.find((entry) => entry.partition === mark.partition)?.offset;
    return {
      high: BigInt(mark.high),
      committed: BigInt(at === undefined || at === '-1' ? mark.low : at),
    };
  });
}

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
  const marker = transactional ? 1 : 0;
  return (await positions(admin, topic, group)).reduce(
    (lag, { high, committed }) => lag + Math.max(0, Number(high - committed) - marker),
    0,
  );
}

/**
 * The offsets `group` has committed on `topic`, summed over its partitions: their growth over a
 * window is what the group handled in it, plus up to one transaction marker per partition and
 * commit.
 */
export async function committedTotal(
  admin: AdminPort,
  topic: string,
  group: string,
): Promise<number> {
  return (await positions(admin, topic, group)).reduce(
    (sum, { committed }) => sum + Number(committed),
    0,
  );
}
