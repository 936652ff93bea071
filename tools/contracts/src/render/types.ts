import {
  type AvroNamedSchema,
  type AvroSchema,
  isNamedSchema,
  namespaceOf,
  resolveName,
  shortName,
} from '../avro';
import type { TopicDefinition } from '../catalog';
import { ContractError } from '../contract-error';
import type { SchemaSource } from '../load-schemas';
import { generatedHeader } from './header';

const numberTypes = new Set(['int', 'long', 'float', 'double']);

function docComment(doc: string | undefined, indent: string): string {
  return doc ? `${indent}/** ${doc.replace(/\*\//g, '*\\/')} */\n` : '';
}

function tsType(type: AvroSchema, namespace: string | undefined): string {
  if (typeof type === 'string') {
    if (type === 'null') return 'null';
    if (type === 'boolean') return 'boolean';
    if (numberTypes.has(type)) return 'number';
    if (type === 'string') return 'string';
    if (type === 'bytes') return 'Buffer';
    return shortName(resolveName(type, namespace));
  }
  if (Array.isArray(type)) return type.map((branch) => tsType(branch, namespace)).join(' | ');
  if (isNamedSchema(type)) return shortName(resolveName(type.name, namespace));
  if (type.type === 'array') return `${wrap(tsType(type.items, namespace))}[]`;
  if (type.type === 'map') return `Record<string, ${tsType(type.values, namespace)}>`;
  // Logical types keep their underlying representation: uuid is a string, timestamp-millis epoch ms.
  return tsType(type.type, namespace);
}

function wrap(type: string): string {
  return type.includes(' | ') ? `(${type})` : type;
}

function renderNamed(source: SchemaSource): string {
  const schema: AvroNamedSchema = source.schema;
  const name = schema.name;
  const namespace = namespaceOf(source.fullName);
  const doc = docComment('doc' in schema ? schema.doc : undefined, '');
  if (schema.type === 'enum') {
    return `${doc}export type ${name} = ${schema.symbols.map((symbol) => `'${symbol}'`).join(' | ')};\n`;
  }
  if (schema.type === 'fixed') return `${doc}export type ${name} = Buffer;\n`;
  const fields = schema.fields
    .map(
      (field) => `${docComment(field.doc, '  ')}  ${field.name}: ${tsType(field.type, namespace)};`,
    )
    .join('\n');
  return `${doc}export interface ${name} {\n${fields}\n}\n`;
}

/** TypeScript types for every named type, plus the typed maps from topics to their events. */
export function renderTypes(
  sources: ReadonlyMap<string, SchemaSource>,
  topics: readonly TopicDefinition[],
): string {
  const byShortName = new Map<string, string>();
  for (const fullName of sources.keys()) {
    const short = shortName(fullName);
    const clash = byShortName.get(short);
    if (clash)
      throw new ContractError(
        `${fullName} and ${clash} share the name ${short}; generated types need unique names`,
      );
    byShortName.set(short, fullName);
  }
  const declarations = [...sources.values()]
    .sort((a, b) => a.fullName.localeCompare(b.fullName))
    .map(renderNamed)
    .join('\n');
  const eventNames = [...new Set(topics.flatMap((topic) => topic.valueRecords))].sort();
  const events = eventNames
    .map((fullName) => `  '${fullName}': ${shortName(fullName)};`)
    .join('\n');
  const topicEntries = topics
    .map(
      (topic) =>
        `  '${topic.name}': {\n    key: ${shortName(topic.keyRecord)};\n    events: ${topic.valueRecords.map((name) => `'${name}'`).join(' | ')};\n  };`,
    )
    .join('\n');
  return `${generatedHeader('//')}
${declarations}
/** Every event record, by its full Avro name (the envelope's eventType). */
export interface EventsByName {
${events}
}

export type EventName = keyof EventsByName;

/** Each topic's key type and the names of the events allowed on it. */
export interface TopicContracts {
${topicEntries}
}

export type TopicName = keyof TopicContracts;

/** The key type of a topic. */
export type TopicKey<T extends TopicName> = TopicContracts[T]['key'];

/** The names of the events a topic carries. */
export type TopicEventName<T extends TopicName> = TopicContracts[T]['events'];

/** The union of event payload types a topic carries. */
export type TopicEvent<T extends TopicName> = EventsByName[TopicEventName<T>];
`;
}
