import type { TopicShape } from '../topics/topic-plan';
import type { RetryPolicy } from './retry-policy';

const day = 24 * 60 * 60 * 1000;

/** The n-th (1-based) retry topic of a consumer group for `topic`. */
export function retryTopicName(topic: string, groupId: string, tier: number): string {
  return `${topic}.${groupId}.retry.${tier}`;
}

/** The dead-letter topic of a consumer group for `topic`. */
export function deadLetterTopicName(topic: string, groupId: string): string {
  return `${topic}.${groupId}.dlq`;
}

/**
 * A group's retry and dead-letter topics for one source topic: as many partitions as the source
 * and its durability. Retry topics keep records a week (ample for their delays); dead letters
 * keep them 30 days, time enough to notice, fix and redrive.
 */
export function failureTopics(
  source: TopicShape,
  groupId: string,
  policy: Pick<RetryPolicy, 'retryTopicDelaysMs'>,
): TopicShape[] {
  const durability = {
    'min.insync.replicas': source.config['min.insync.replicas'] ?? '1',
    'cleanup.policy': 'delete',
  };
  const retries = policy.retryTopicDelaysMs.map((_, index) => ({
    name: retryTopicName(source.name, groupId, index + 1),
    partitions: source.partitions,
    replicationFactor: source.replicationFactor,
    config: { ...durability, 'retention.ms': String(7 * day) },
  }));
  return [
    ...retries,
    {
      name: deadLetterTopicName(source.name, groupId),
      partitions: source.partitions,
      replicationFactor: source.replicationFactor,
      config: { ...durability, 'retention.ms': String(30 * day) },
    },
  ];
}
