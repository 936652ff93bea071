import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import type { AdminPort, TopicDescription } from '../../port/broker-port';
import { translated } from './kafkajs-errors';
import { whileTopicsSettle } from './topic-settling';

export function kafkajsAdmin(kafka: Kafka): AdminPort {
  const admin = kafka.admin();
  return {
    connect: () => translated('Could not connect the admin client', () => admin.connect()),
    listTopics: () => translated('Could not list topics', () => admin.listTopics()),
    describeTopics: (names, configNames) =>
      translated(`Could not describe topics ${names.join(', ')}`, async () => {
        const described = new Map<string, TopicDescription>();
        if (names.length === 0) return described;
        const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
        const configs = await admin.describeConfigs({
          includeSynonyms: false,
          resources: names.map((name) => ({
            type: ConfigResourceTypes.TOPIC,
            name,
            configNames: [...configNames],
          })),
        });
        for (const topic of topics) {
          const entries =
            configs.resources.find((resource) => resource.resourceName === topic.name)
              ?.configEntries ?? [];
          described.set(topic.name, {
            partitions: topic.partitions.length,
            replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
            config: Object.fromEntries(
              entries.map((entry) => [entry.configName, entry.configValue]),
            ),
          });
        }
        return described;
      }),
    brokerCount: () =>
      translated(
        'Could not describe the cluster',
        async () => (await admin.describeCluster()).brokers.length,
      ),
    createTopics: (topics) =>
      translated(
        `Could not create topics ${topics.map((topic) => topic.name).join(', ')}`,
        async () => {
          if (topics.length === 0) return;
          // kafkajs' own wait for leaders gives up when the broker does not know a topic yet,
          // which it may not for a moment after the controller has created it.
          await admin.createTopics({
            waitForLeaders: false,
            topics: topics.map((topic) => ({
              topic: topic.name,
              numPartitions: topic.partitions,
              replicationFactor: topic.replicationFactor,
              configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
            })),
          });
          await whileTopicsSettle(() =>
            admin.fetchTopicMetadata({ topics: topics.map((topic) => topic.name) }),
          );
        },
      ),
    watermarks: (topic) =>
      translated(`Could not read the offsets of ${topic}`, async () =>
        (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
          partition,
          low,
          high,
        })),
      ),
    committedOffsets: (groupId, topic) =>
      translated(`Could not read the offsets group ${groupId} committed on ${topic}`, async () => {
        const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return (entry?.partitions ?? []).map(({ partition, offset, metadata }) => ({
          topic,
          partition,
          offset,
          ...(metadata ? { metadata } : {}),
        }));
      }),
    disconnect: () => admin.disconnect(),
  };
}
