import {
  type AvroField,
  type AvroNamedSchema,
  type AvroSchema,
  isNamedSchema,
  shortName,
} from '../avro';
import { keySubject, topicConfig, valueSubject, type TopicDefinition } from '../catalog';
import { generatedMarkdownHeader } from './header';

function typeLabel(type: AvroSchema): string {
  if (typeof type === 'string') return shortName(type);
  if (Array.isArray(type)) return type.map(typeLabel).join(' \\| ');
  if (isNamedSchema(type)) return shortName(type.name);
  if (type.type === 'array') return `array<${typeLabel(type.items)}>`;
  if (type.type === 'map') return `map<${typeLabel(type.values)}>`;
  return `${type.type} (${type.logicalType})`;
}

function fieldRows(fields: readonly AvroField[]): string {
  return fields
    .map((field) => {
      const fallback = field.default === undefined ? '' : `\`${JSON.stringify(field.default)}\``;
      return `| \`${field.name}\` | ${typeLabel(field.type)} | ${fallback} | ${field.doc ?? ''} |`;
    })
    .join('\n');
}

function recordSection(
  fullName: string,
  schema: AvroNamedSchema | undefined,
  subject: string,
): string {
  if (!schema || schema.type !== 'record') return '';
  return `### ${shortName(fullName)}

\`${fullName}\`, subject \`${subject}\`. ${schema.doc ?? ''}

| field | type | default | meaning |
|---|---|---|---|
${fieldRows(schema.fields)}
`;
}

/** The human event catalog: topics, their settings, and every event's fields. */
export function renderEventDocs(
  topics: readonly TopicDefinition[],
  expanded: ReadonlyMap<string, AvroNamedSchema>,
): string {
  const overview = topics
    .map(
      (topic) =>
        `| \`${topic.name}\` | ${shortName(topic.keyRecord)} | ${topic.valueRecords.map(shortName).join(', ')} | ${topic.partitions} | ${topicConfig(topic)['cleanup.policy']} | ${topic.compatibility} | ${topic.owner} | ${topic.consumers.join(', ')} |`,
    )
    .join('\n');
  const sections = topics
    .map((topic) => {
      const config = Object.entries(topicConfig(topic))
        .map(([key, value]) => `\`${key}=${value}\``)
        .join(', ');
      return `## Topic \`${topic.name}\`

${topic.description}

Partitions ${topic.partitions}, replication factor ${topic.replicationFactor} (production), config ${config}.
Owner: ${topic.owner}. Consumers: ${topic.consumers.join(', ') || 'none yet'}.
Key: \`${topic.keyRecord}\` (subject \`${keySubject(topic)}\`). Values use ${topic.valueSubjectStrategy}.

${recordSection(topic.keyRecord, expanded.get(topic.keyRecord), keySubject(topic))}
${topic.valueRecords.map((name) => recordSection(name, expanded.get(name), valueSubject(topic, name))).join('\n')}`;
    })
    .join('\n');
  return `${generatedMarkdownHeader()}
# Event catalog

Every topic and event of Fieldline. Events are Avro records in the Confluent wire format (magic
byte 0, 4-byte schema id, Avro body); each carries an \`envelope\` (event id, type, schema
version, occurred-at, producer, correlation and causation ids). Keys are Avro records too.

| topic | key | events | partitions | cleanup | compatibility | owner | consumers |
|---|---|---|---|---|---|---|---|
${overview}

${sections}`;
}
