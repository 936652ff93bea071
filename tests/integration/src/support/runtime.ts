import type { TopicName } from '@fieldline/contracts';
import {
  KafkaRuntime,
  provisionTopics,
  type KafkaRuntimeOptions,
  type RuntimeLog,
} from '@fieldline/platform-kafka';
import { testEndpoints } from '@fieldline/testing';
import { freshTopic } from './fresh-topic';
import { kafkaSession } from './kafka';

// Suites provoke failures on purpose (a stopped broker, poison records); set
// FIELDLINE_TEST_VERBOSE=1 to see what the runtime logs about them.
const quiet: RuntimeLog = (level, message, fields) => {
  if (process.env['FIELDLINE_TEST_VERBOSE']) {
    process.stderr.write(`${level} ${message} ${JSON.stringify(fields ?? {})}\n`);
  }
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

/** A silent runtime that reads the topics of an isolated environment's `namespace`. */
export function namespaceReader(app: string, namespace: string): KafkaRuntime {
  const endpoints = testEndpoints();
  return new KafkaRuntime({
    app,
    brokers: endpoints.kafkaBrokers,
    schemaRegistryUrl: endpoints.schemaRegistryUrl,
    namespace,
    log: () => undefined,
  });
}

/** A runtime on the local stack that registers schemas on first use. */
export function testRuntime(
  app: string,
  topicNames: Partial<Record<TopicName, string>>,
  options: Partial<KafkaRuntimeOptions> = {},
): KafkaRuntime {
  const endpoints = testEndpoints();
  return new KafkaRuntime({
    app,
    brokers: endpoints.kafkaBrokers,
    schemaRegistryUrl: endpoints.schemaRegistryUrl,
    topicNames,
    autoRegisterSchemas: true,
    log: quiet,
    ...options,
  });
}
