import type { TopicName } from '@fieldline/contracts';
import { KafkaRuntime, provisionTopics, type RuntimeLog } from '@fieldline/platform-kafka';
import { testEndpoints } from '@fieldline/testing';
import { freshTopic } from './fresh-topic';
import { kafkaSession } from './kafka';

const quiet: RuntimeLog = (level, message, fields) => {
  if (level === 'error') process.stderr.write(`${message} ${JSON.stringify(fields ?? {})}\n`);
};

/** Creates private copies of catalog topics; returns the name map a runtime uses to find them. */
export async function freshTopics(
  ...names: TopicName[]
): Promise<Partial<Record<TopicName, string>>> {
  const session = kafkaSession('fresh-topics');
  try {
    const specs = names.map((name) => freshTopic(name));
    await provisionTopics(await session.runtimeAdmin(), specs);
    return Object.fromEntries(names.map((name, index) => [name, specs[index]?.name]));
  } finally {
    await session.close();
  }
}

/** A runtime on the local stack that registers schemas on first use. */
export function testRuntime(
  app: string,
  topicNames: Partial<Record<TopicName, string>>,
): KafkaRuntime {
  const endpoints = testEndpoints();
  return new KafkaRuntime({
    app,
    brokers: endpoints.kafkaBrokers,
    schemaRegistryUrl: endpoints.schemaRegistryUrl,
    topicNames,
    autoRegisterSchemas: true,
    log: quiet,
  });
}
