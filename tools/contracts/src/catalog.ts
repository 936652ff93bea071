import fs from 'node:fs';
import { compatibilityLevels, type CompatibilityLevel } from '@fieldline/shared-avro-compatibility';
import { parse } from 'yaml';
import { ContractError } from './contract-error';

export const subjectStrategies = ['TopicNameStrategy', 'TopicRecordNameStrategy'] as const;
export type SubjectStrategy = (typeof subjectStrategies)[number];

/** One topic of the catalog with every default applied. */
export interface TopicDefinition {
  readonly name: string;
  readonly description: string;
  readonly keyRecord: string;
  readonly valueRecords: readonly string[];
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly compacted: boolean;
  readonly retentionMs: number | undefined;
  readonly compatibility: CompatibilityLevel;
  readonly valueSubjectStrategy: SubjectStrategy;
  readonly owner: string;
  readonly consumers: readonly string[];
}

const topicKeys = new Set([
  'description',
  'key',
  'values',
  'partitions',
  'replicationFactor',
  'minInsyncReplicas',
  'compacted',
  'retention',
  'compatibility',
  'valueSubjectStrategy',
  'owner',
  'consumers',
]);
const defaultKeys = new Set([
  'replicationFactor',
  'minInsyncReplicas',
  'compatibility',
  'valueSubjectStrategy',
]);
const durationUnits: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseDuration(value: unknown, where: string): number {
  const match = typeof value === 'string' ? /^(\d+)(ms|s|m|h|d)$/.exec(value) : null;
  if (!match)
    throw new ContractError(`${where}: "${String(value)}" is not a duration like 7d, 12h or 30m`);
  return Number(match[1]) * (durationUnits[match[2] as string] as number);
}

function positiveInteger(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw new ContractError(`${where}: must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (!allowed.includes(value as T)) {
    throw new ContractError(`${where}: "${String(value)}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new ContractError(`${where}: must be a non-empty string`);
  return value;
}

function rejectUnknownKeys(raw: Raw, known: ReadonlySet<string>, where: string): void {
  const unknown = Object.keys(raw).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new ContractError(`${where}: unknown key(s) ${unknown.join(', ')}`);
}

/** Parses and validates the catalog; every error names the topic and the field. */
export function parseCatalog(yamlText: string, knownTypes: ReadonlySet<string>): TopicDefinition[] {
  const document: unknown = parse(yamlText);
  if (!isObject(document) || !isObject(document['topics'])) {
    throw new ContractError('catalog: must have a "topics" mapping');
  }
  const defaults = isObject(document['defaults']) ? document['defaults'] : {};
  rejectUnknownKeys(defaults, defaultKeys, 'catalog defaults');
  rejectUnknownKeys(document, new Set(['defaults', 'topics']), 'catalog');

  return Object.entries(document['topics']).map(([name, rawTopic]) => {
    const where = `catalog topic "${name}"`;
    if (!/^[a-z][a-z0-9.-]*$/.test(name))
      throw new ContractError(`${where}: topic names are lower-case, digits, "." and "-"`);
    if (!isObject(rawTopic)) throw new ContractError(`${where}: must be a mapping`);
    rejectUnknownKeys(rawTopic, topicKeys, where);
    const topic = { ...defaults, ...rawTopic };
    const typeName = (value: unknown, field: string) => {
      const fullName = text(value, `${where} ${field}`);
      if (!knownTypes.has(fullName))
        throw new ContractError(`${where} ${field}: no schema defines "${fullName}"`);
      return fullName;
    };
    const values = topic['values'];
    if (!Array.isArray(values) || values.length === 0) {
      throw new ContractError(`${where} values: must list at least one event record`);
    }
    const valueSubjectStrategy = oneOf(
      topic['valueSubjectStrategy'],
      subjectStrategies,
      `${where} valueSubjectStrategy`,
    );
    if (valueSubjectStrategy === 'TopicNameStrategy' && values.length > 1) {
      throw new ContractError(
        `${where} valueSubjectStrategy: TopicNameStrategy allows one event type per topic`,
      );
    }
    const compacted = topic['compacted'] === true;
    if (compacted && topic['retention'] !== undefined) {
      throw new ContractError(
        `${where} retention: a compacted topic keeps the latest record per key; drop retention`,
      );
    }
    const replicationFactor = positiveInteger(
      topic['replicationFactor'],
      `${where} replicationFactor`,
    );
    const minInsyncReplicas = positiveInteger(
      topic['minInsyncReplicas'],
      `${where} minInsyncReplicas`,
    );
    if (minInsyncReplicas > replicationFactor) {
      throw new ContractError(
        `${where} minInsyncReplicas: ${minInsyncReplicas} is more than replicationFactor ${replicationFactor}`,
      );
    }
    return {
      name,
      description: text(topic['description'], `${where} description`),
      keyRecord: typeName(topic['key'], 'key'),
      valueRecords: values.map((value, index) => typeName(value, `values[${index}]`)),
      partitions: positiveInteger(topic['partitions'], `${where} partitions`),
      replicationFactor,
      minInsyncReplicas,
      compacted,
      retentionMs:
        topic['retention'] === undefined
          ? undefined
          : parseDuration(topic['retention'], `${where} retention`),
      compatibility: oneOf(topic['compatibility'], compatibilityLevels, `${where} compatibility`),
      valueSubjectStrategy,
      owner: text(topic['owner'], `${where} owner`),
      consumers: Array.isArray(topic['consumers'])
        ? topic['consumers'].map((c, i) => text(c, `${where} consumers[${i}]`))
        : [],
    };
  });
}

export function loadCatalog(file: string, knownTypes: ReadonlySet<string>): TopicDefinition[] {
  return parseCatalog(fs.readFileSync(file, 'utf8'), knownTypes);
}

/** Key subjects follow TopicNameStrategy; value subjects follow the topic's strategy. */
export function keySubject(topic: TopicDefinition): string {
  return `${topic.name}-key`;
}

export function valueSubject(topic: TopicDefinition, recordName: string): string {
  return topic.valueSubjectStrategy === 'TopicNameStrategy'
    ? `${topic.name}-value`
    : `${topic.name}-${recordName}`;
}

/** Broker-side topic configuration derived from the catalog entry. */
export function topicConfig(topic: TopicDefinition): Record<string, string> {
  const config: Record<string, string> = {
    'cleanup.policy': topic.compacted ? 'compact' : 'delete',
    'min.insync.replicas': String(topic.minInsyncReplicas),
  };
  if (topic.retentionMs !== undefined) config['retention.ms'] = String(topic.retentionMs);
  return config;
}
