import { stringify } from 'yaml';
import { type AvroNamedSchema, shortName } from '../avro';
import { keySubject, topicConfig, valueSubject, type TopicDefinition } from '../catalog';
import { generatedHeader } from './header';

const avroFormat = 'application/vnd.apache.avro+json;version=1.9.0';

/** AsyncAPI's Avro meta-schema wants short names with a separate namespace on definitions. */
function withSplitNames(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withSplitNames);
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) result[key] = withSplitNames(value);
  const { type, name } = result;
  if (
    (type === 'record' || type === 'enum' || type === 'fixed') &&
    typeof name === 'string' &&
    name.includes('.')
  ) {
    result['name'] = shortName(name);
    result['namespace'] = name.slice(0, name.lastIndexOf('.'));
  }
  return result;
}

function camel(name: string): string {
  return name.replace(/[-.](\w)/g, (_, letter: string) => letter.toUpperCase());
}

/** An AsyncAPI 3.0 document: one channel per topic, one message per event, Avro payloads. */
export function renderAsyncApi(
  topics: readonly TopicDefinition[],
  expanded: ReadonlyMap<string, AvroNamedSchema>,
  version: string,
): string {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const topic of topics) {
    const channelId = camel(topic.name);
    const config = topicConfig(topic);
    const messageRefs: Record<string, { $ref: string }> = {};
    for (const recordName of topic.valueRecords) {
      const schema = expanded.get(recordName);
      const messageId = shortName(recordName);
      messageRefs[messageId] = { $ref: `#/components/messages/${messageId}` };
      messages[messageId] = {
        name: messageId,
        title: messageId,
        summary: schema && 'doc' in schema ? schema.doc : undefined,
        contentType: 'application/octet-stream',
        payload: { schemaFormat: avroFormat, schema: withSplitNames(schema) },
        bindings: {
          kafka: {
            key: {
              type: 'string',
              description: `Avro record ${topic.keyRecord} in the Confluent wire format (subject ${keySubject(topic)}).`,
            },
            schemaIdLocation: 'payload',
            schemaIdPayloadEncoding: 'confluent',
            schemaLookupStrategy: topic.valueSubjectStrategy,
            bindingVersion: '0.5.0',
          },
        },
        'x-subject': valueSubject(topic, recordName),
      };
    }
    channels[channelId] = {
      address: topic.name,
      description: topic.description,
      messages: messageRefs,
      bindings: {
        kafka: {
          topic: topic.name,
          partitions: topic.partitions,
          replicas: topic.replicationFactor,
          topicConfiguration: {
            'cleanup.policy': [config['cleanup.policy']],
            ...(topic.retentionMs === undefined ? {} : { 'retention.ms': topic.retentionMs }),
          },
          bindingVersion: '0.5.0',
        },
      },
    };
    const refs = Object.keys(messageRefs).map((id) => ({
      $ref: `#/channels/${channelId}/messages/${id}`,
    }));
    operations[
      `${camel(topic.owner)}Publishes${channelId[0]?.toUpperCase()}${channelId.slice(1)}`
    ] = {
      action: 'send',
      summary: `${topic.owner} publishes to ${topic.name}.`,
      channel: { $ref: `#/channels/${channelId}` },
      messages: refs,
    };
    for (const consumer of topic.consumers) {
      operations[`${camel(consumer)}Consumes${channelId[0]?.toUpperCase()}${channelId.slice(1)}`] =
        {
          action: 'receive',
          summary: `${consumer} consumes ${topic.name}.`,
          channel: { $ref: `#/channels/${channelId}` },
          messages: refs,
        };
    }
  }

  const document = {
    asyncapi: '3.0.0',
    info: {
      title: 'Fieldline events',
      version,
      description:
        'Climate-risk observations, patterns, field states, relationships and notifications over Kafka.',
    },
    defaultContentType: 'application/octet-stream',
    channels,
    operations,
    components: { messages },
  };
  return `${generatedHeader('#')}${stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 })}`;
}
