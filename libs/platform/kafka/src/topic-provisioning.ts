import type { TopicSpec } from '@fieldline/contracts';
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { planTopics, type ExistingTopic, type TopicPlan } from './topic-plan';

/** Reads the topics of `specs` that exist, with the settings the catalog manages. */
export async function inspectTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
): Promise<Map<string, ExistingTopic>> {
  const names = new Set(await admin.listTopics());
  const present = specs.filter((spec) => names.has(spec.name));
  if (present.length === 0) return new Map();
  const { topics } = await admin.fetchTopicMetadata({ topics: present.map((spec) => spec.name) });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((spec) => ({
      type: ConfigResourceTypes.TOPIC,
      name: spec.name,
      configNames: Object.keys(spec.config),
    })),
  });
  const existing = new Map<string, ExistingTopic>();
  for (const topic of topics) {
    const entries =
      configs.resources.find((resource) => resource.resourceName === topic.name)?.configEntries ??
      [];
    existing.set(topic.name, {
      partitions: topic.partitions.length,
      replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
      config: Object.fromEntries(entries.map((entry) => [entry.configName, entry.configValue])),
    });
  }
  return existing;
}

/**
 * Creates every catalog topic the cluster lacks, with the catalog's settings fitted to the
 * cluster, and reports drift on existing topics. It never alters an existing topic: adding
 * partitions re-keys records and config changes deserve a reviewed change.
 */
export async function provisionTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  options: { readonly dryRun?: boolean } = {},
): Promise<TopicPlan> {
  const { brokers } = await admin.describeCluster();
  const plan = planTopics(specs, await inspectTopics(admin, specs), brokers.length);
  if (!options.dryRun && plan.create.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: plan.create.map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        replicationFactor: topic.replicationFactor,
        configEntries: Object.entries(topic.config).map(([name, value]) => ({ name, value })),
      })),
    });
  }
  return plan;
}
