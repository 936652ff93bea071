import {
  describeViolation,
  findCompatibilityViolations,
  type PreviousVersion,
} from '@fieldline/shared-avro-compatibility';
import type { AvroNamedSchema } from './avro';
import { keySubject, valueSubject, type TopicDefinition } from './catalog';
import { loadReleased, sameCanonicalForm } from './released';

/** Where the earlier versions of a subject come from: the registry, or schemas/released. */
export type Baseline = (subject: string, recordName: string) => Promise<readonly PreviousVersion[]>;

/** The released snapshots under `root` as a baseline: a subject's versions are its record's. */
export function releasedBaseline(root: string): Baseline {
  const released = loadReleased(root);
  return async (_subject, recordName) => released.get(recordName) ?? [];
}

/**
 * Every way the working tree would break consumers, one line each naming subject, field and
 * rule. Value subjects follow their topic's compatibility level. Key subjects are frozen: a
 * changed key schema changes the bytes that are hashed to a partition, so per-key order breaks.
 */
export async function findBreakingChanges(
  topics: readonly TopicDefinition[],
  expanded: ReadonlyMap<string, AvroNamedSchema>,
  baseline: Baseline,
): Promise<string[]> {
  const problems: string[] = [];
  for (const topic of topics) {
    const keyRecord = expanded.get(topic.keyRecord) as object;
    const subject = keySubject(topic);
    // Against every version, not only the latest: a key changed and released is still a change.
    const changedFrom = (await baseline(subject, topic.keyRecord)).find(
      (version) => !sameCanonicalForm(version.schema, keyRecord),
    );
    if (changedFrom) {
      problems.push(
        `${subject}: key schema ${topic.keyRecord} differs from version ${changedFrom.version}; key schemas ` +
          'are frozen because a changed key moves records to other partitions (add a new topic instead)',
      );
    }
    for (const recordName of topic.valueRecords) {
      const valueSubjectName = valueSubject(topic, recordName);
      const previous = await baseline(valueSubjectName, recordName);
      const candidate = expanded.get(recordName) as object;
      for (const violation of findCompatibilityViolations(
        candidate,
        previous,
        topic.compatibility,
      )) {
        problems.push(describeViolation(valueSubjectName, violation));
      }
    }
  }
  return problems;
}
