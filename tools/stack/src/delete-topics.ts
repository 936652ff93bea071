import { Kafka, logLevel } from 'kafkajs';

/**
 * Deletes every topic whose name starts with `prefix`. A local stack outlives many test and
 * bench runs: each run's partitions left behind would hold the broker's open files until it
 * can take no more.
 */
export async function deleteTopicsWithPrefix(
  brokers: readonly string[],
  prefix: string,
): Promise<void> {
  const admin = new Kafka({
    clientId: 'fieldline-cleanup',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
