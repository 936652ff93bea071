import type { TopicSpec } from '@fieldline/contracts';
import type { NewTopic } from '../port/broker-port';

/** A topic as the cluster has it. */
export interface ExistingTopic {
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Values of the settings the catalog manages. */
  readonly config: Readonly<Record<string, string | undefined>>;
}

/** A topic to create, with the settings fitted to the cluster. */
export type TopicCreation = NewTopic;

/** One setting where an existing topic differs from the catalog. */
export interface TopicDrift {
  readonly topic: string;
  readonly setting: string;
  readonly expected: string;
  readonly actual: string;
}

export interface TopicPlan {
  readonly create: readonly TopicCreation[];
  readonly drift: readonly TopicDrift[];
  readonly upToDate: readonly string[];
}

/** The settings of a topic that provisioning manages. */
export type TopicShape = Pick<TopicSpec, 'name' | 'partitions' | 'replicationFactor' | 'config'>;

/**
 * The catalog's settings as this cluster can honour them: the replication factor capped to the
 * broker count, and min.insync.replicas capped to that, so a single-node dev broker accepts
 * writes while production keeps RF 3 / min ISR 2.
 */
export function fitToCluster(spec: TopicShape, brokerCount: number): TopicCreation {
  const replicationFactor = Math.max(1, Math.min(spec.replicationFactor, brokerCount));
  const config = { ...spec.config };
  const minInsync = config['min.insync.replicas'];
  if (minInsync !== undefined) {
    config['min.insync.replicas'] = String(Math.min(Number(minInsync), replicationFactor));
  }
  return { name: spec.name, partitions: spec.partitions, replicationFactor, config };
}

/** What provisioning must create, and where existing topics drifted from the catalog. */
export function planTopics(
  specs: readonly TopicShape[],
  existing: ReadonlyMap<string, ExistingTopic>,
  brokerCount: number,
): TopicPlan {
  const create: TopicCreation[] = [];
  const drift: TopicDrift[] = [];
  const upToDate: string[] = [];
  for (const spec of specs) {
    const wanted = fitToCluster(spec, brokerCount);
    const actual = existing.get(spec.name);
    if (!actual) {
      create.push(wanted);
      continue;
    }
    const differences: TopicDrift[] = [];
    const compare = (setting: string, expected: string, found: string | undefined) => {
      if (found !== expected)
        differences.push({ topic: spec.name, setting, expected, actual: found ?? '(unset)' });
    };
    compare('partitions', String(wanted.partitions), String(actual.partitions));
    // brokerCount counts live brokers: during an outage a topic keeps more replicas than are up,
    // which is not drift. Fewer than the cluster can hold, or more than the catalog asks, is.
    const replicas = actual.replicationFactor;
    if (replicas < wanted.replicationFactor || replicas > spec.replicationFactor) {
      const expected =
        replicas < wanted.replicationFactor ? wanted.replicationFactor : spec.replicationFactor;
      compare('replication.factor', String(expected), String(replicas));
    }
    // Settings that depend on the replica count are judged against the topic's own replicas.
    const fittedToTopic = fitToCluster(spec, replicas);
    for (const [setting, expected] of Object.entries(fittedToTopic.config)) {
      compare(setting, expected, actual.config[setting]);
    }
    if (differences.length === 0) upToDate.push(spec.name);
    drift.push(...differences);
  }
  return { create, drift, upToDate };
}
