import path from 'node:path';
import { catalogTopics } from '@fieldline/platform-kafka';
import { repoRoot } from '../repo-root';

export const catalogTopicsFile = path.join(
  repoRoot,
  'helm',
  'fieldline',
  'files',
  'catalog-topics.json',
);

/**
 * Stands for `<topicNamespace>.` in the generated names; the chart replaces it, so one file
 * serves every namespace and the names come from the same code that provisions them.
 */
export const namespaceToken = '__TOPIC_NAMESPACE__.';

/** The chart's copy of every topic the catalog implies, for its Strimzi KafkaTopics. */
export function catalogTopicsJson(): string {
  const topics = catalogTopics(namespaceToken.slice(0, -1)).map((topic) => ({
    name: topic.name,
    partitions: topic.partitions,
    replicationFactor: topic.replicationFactor,
    config: topic.config,
  }));
  const generated =
    'Generated from schemas/catalog.yaml by `npm run deploy:generate`; do not edit.';
  return `${JSON.stringify({ generated, namespaceToken, topics }, null, 2)}\n`;
}
