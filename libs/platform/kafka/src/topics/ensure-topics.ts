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
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return;
    const brokerCount = await admin.brokerCount();
    await admin.createTopics(missing.map((spec) => fitToCluster(spec, brokerCount)));
  } finally {
    await admin.disconnect();
  }
}
