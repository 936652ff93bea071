import { topicCatalog, type TopicName } from '@fieldline/contracts';
import { failureTopics } from '../retry/failure-topics';
import { defaultRetryPolicy } from '../retry/retry-policy';
import { namespacedGroup, namespacedTopicNames, TopicNames } from './topic-names';

/**
 * Every topic the catalog implies in a namespace: its own topics, and the retry and dead-letter
 * topics of each consumer group it lists. What `fieldline topics provision` creates and what the
 * Helm chart's Strimzi KafkaTopics declare.
 */
export function catalogTopics(namespace: string) {
  const names = new TopicNames(namespacedTopicNames(namespace));
  const topics = (Object.keys(topicCatalog) as TopicName[]).map((topic) => names.spec(topic));
  const failures = topics.flatMap((topic) =>
    topic.consumers.flatMap((group) =>
      failureTopics(topic, namespacedGroup(namespace, group), defaultRetryPolicy),
    ),
  );
  return [...topics, ...failures];
}
