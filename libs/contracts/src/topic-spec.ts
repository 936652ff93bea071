import type { CompatibilityLevel } from '@fieldline/shared-avro-compatibility';

export type { CompatibilityLevel };

/** A record registered under a subject. */
export interface SubjectSpec {
  readonly recordName: string;
  readonly subject: string;
}

/** One topic of the catalog: Kafka settings, ownership and registry subjects. */
export interface TopicSpec {
  readonly name: string;
  readonly description: string;
  readonly partitions: number;
  /** The production replication factor; provisioning caps it to the cluster's size. */
  readonly replicationFactor: number;
  readonly config: Readonly<Record<string, string>>;
  readonly compatibility: CompatibilityLevel;
  readonly owner: string;
  readonly consumers: readonly string[];
  readonly key: SubjectSpec;
  readonly values: readonly SubjectSpec[];
}
