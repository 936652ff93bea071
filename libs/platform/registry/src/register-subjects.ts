import type { CompatibilityLevel } from '@fieldline/shared-avro-compatibility';
import { FieldlineError } from '@fieldline/shared-errors';
import type { RegistryClient } from './registry-client';

/** A topic's registry subjects, as the contracts' topic catalog describes them. */
export interface TopicSubjects {
  readonly compatibility: CompatibilityLevel;
  readonly key: { readonly subject: string; readonly recordName: string };
  readonly values: readonly { readonly subject: string; readonly recordName: string }[];
}

export interface SubjectOutcome {
  readonly subject: string;
  readonly recordName: string;
  readonly outcome: 'registered' | 'unchanged' | 'rejected';
  readonly schemaId?: number;
  /** Why the registry refused the schema (an incompatible change), for `rejected`. */
  readonly reason?: string;
}

/**
 * Registers every subject of the catalog, keys and values, each with its topic's compatibility
 * level set first so the registry checks the new version under the catalog's rule. A refused
 * schema is reported, not thrown, so one bad subject does not hide the state of the others.
 */
export async function registerSubjects(
  registry: RegistryClient,
  topics: readonly TopicSubjects[],
  schemas: Readonly<Record<string, object>>,
): Promise<SubjectOutcome[]> {
  const outcomes: SubjectOutcome[] = [];
  for (const topic of topics) {
    for (const { subject, recordName } of [topic.key, ...topic.values]) {
      const schema = schemas[recordName];
      if (!schema) {
        throw new FieldlineError(
          'CONFIG_INVALID',
          `No schema for ${recordName} (subject ${subject})`,
        );
      }
      await registry.setCompatibility(subject, topic.compatibility);
      outcomes.push(await registerOne(registry, subject, recordName, schema));
    }
  }
  return outcomes;
}

async function registerOne(
  registry: RegistryClient,
  subject: string,
  recordName: string,
  schema: object,
): Promise<SubjectOutcome> {
  try {
    return {
      subject,
      recordName,
      outcome: 'unchanged',
      schemaId: await registry.idOf(subject, schema),
    };
  } catch (error) {
    if (!(error instanceof FieldlineError) || error.code !== 'UNKNOWN_SCHEMA') throw error;
  }
  try {
    return {
      subject,
      recordName,
      outcome: 'registered',
      schemaId: await registry.register(subject, schema),
    };
  } catch (error) {
    if (error instanceof FieldlineError && error.code === 'VALIDATION_FAILED') {
      return { subject, recordName, outcome: 'rejected', reason: error.message };
    }
    throw error;
  }
}
