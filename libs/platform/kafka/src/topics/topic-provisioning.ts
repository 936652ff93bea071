import type { AdminPort } from '../port/broker-port';
import { planTopics, type ExistingTopic, type TopicPlan, type TopicShape } from './topic-plan';

/** Reads the topics of `specs` that exist, with the settings the catalog manages. */
export async function inspectTopics(
  admin: AdminPort,
  specs: readonly TopicShape[],
): Promise<Map<string, ExistingTopic>> {
  const names = new Set(await admin.listTopics());
  const present = specs.filter((spec) => names.has(spec.name));
  const configNames = [...new Set(present.flatMap((spec) => Object.keys(spec.config)))];
  return admin.describeTopics(
    present.map((spec) => spec.name),
    configNames,
  );
}

/**
 * Creates every catalog topic the cluster lacks, with the catalog's settings fitted to the
 * cluster, and reports drift on existing topics. It never alters an existing topic: adding
 * partitions re-keys records and config changes deserve a reviewed change.
 */
export async function provisionTopics(
  admin: AdminPort,
  specs: readonly TopicShape[],
  options: { readonly dryRun?: boolean } = {},
): Promise<TopicPlan> {
  const plan = planTopics(specs, await inspectTopics(admin, specs), await admin.brokerCount());
  if (!options.dryRun) await admin.createTopics(plan.create);
  return plan;
}
