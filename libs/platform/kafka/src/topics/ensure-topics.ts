import { setTimeout as sleep } from 'node:timers/promises';
import type { BrokerPort } from '../port/broker-port';
import { fitToCluster } from './topic-plan';
import type { TopicShape } from './topic-plan';

/**
 * Creates the topics a runtime component owns (retry, dead-letter, reply topics) when they are
 * missing, fitted to the cluster. Existing topics are left as they are.
 */
export async function ensureTopics(
  broker: BrokerPort,
  specs: readonly TopicShape[],
): Promise<void> {
  if (specs.length === 0) return;
  const admin = broker.admin();
  await admin.connect();
  try {
    // Creating is idempotent, and a topic just created may not be known to every part of the
    // cluster yet (UNKNOWN_TOPIC_OR_PARTITION while its leader is elected): try a few times,
    // creating only what is still missing.
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = specs.filter((spec) => !existing.has(spec.name));
        if (missing.length === 0) return;
        const brokerCount = await admin.brokerCount();
        await admin.createTopics(missing.map((spec) => fitToCluster(spec, brokerCount)));
        return;
      } catch (error) {
        if (attempt >= creationAttempts) throw error;
        await sleep(500 * attempt);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

const creationAttempts = 5;
