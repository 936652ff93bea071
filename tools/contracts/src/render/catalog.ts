import type { TopicDefinition } from '../catalog';
import { keySubject, topicConfig, valueSubject } from '../catalog';
import type { AvroNamedSchema } from '../avro';
import { generatedHeader } from './header';

/**
 * The catalog as data, with subjects and self-contained schemas: what provisioning,
 * registration and the serde read at run time.
 */
export function renderCatalog(
  topics: readonly TopicDefinition[],
  expanded: ReadonlyMap<string, AvroNamedSchema>,
  versions: Readonly<Record<string, number>>,
): string {
  const topicSpecs = topics.map((topic) => ({
    name: topic.name,
    description: topic.description,
    partitions: topic.partitions,
    replicationFactor: topic.replicationFactor,
    config: topicConfig(topic),
    compatibility: topic.compatibility,
    owner: topic.owner,
    consumers: topic.consumers,
    key: { recordName: topic.keyRecord, subject: keySubject(topic) },
    values: topic.valueRecords.map((recordName) => ({
      recordName,
      subject: valueSubject(topic, recordName),
    })),
  }));
  const usedNames = [
    ...new Set(topics.flatMap((topic) => [topic.keyRecord, ...topic.valueRecords])),
  ].sort();
  const schemas = Object.fromEntries(usedNames.map((name) => [name, expanded.get(name)]));
  const eventNames = [...new Set(topics.flatMap((topic) => topic.valueRecords))].sort();
  const eventVersions = Object.fromEntries(eventNames.map((name) => [name, versions[name]]));
  return `${generatedHeader('//')}
import type { TopicSpec } from '../topic-spec';
import type { EventName, TopicName } from './events';

/** Every topic of the catalog, with its Kafka settings and registry subjects. */
export const topicCatalog: Readonly<Record<TopicName, TopicSpec>> = ${JSON.stringify(
    Object.fromEntries(topicSpecs.map((spec) => [spec.name, spec])),
    null,
    2,
  )};

/** The self-contained Avro schema of every key and event record, by full name. */
export const recordSchemas: Readonly<Record<string, object>> = ${JSON.stringify(schemas, null, 2)};

/** The contract version this build writes into each event's envelope.schemaVersion. */
export const eventVersions: Readonly<Record<EventName, number>> = ${JSON.stringify(eventVersions, null, 2)};
`;
}
