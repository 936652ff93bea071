import { catalogTopics, kafkajsBroker, provisionTopics, type Connection } from '@fieldline/platform-kafka';

/** `topics provision`: create missing catalog topics; report drift. True when nothing drifted. */
export async function provisionCatalogTopics(
  connection: Connection,
  dryRun: boolean,
): Promise<boolean> {
  const admin = kafkajsBroker({
    brokers: connection.kafkaBrokers,
    clientId: 'fieldline-cli',
    security: connection.kafkaSecurity,
  }).admin();
  await admin.connect();
  try {
    const plan = await provisionTopics(admin, catalogTopics(connection.namespace), { dryRun });
    const verb = dryRun ? 'would create' : 'created';
    for (const topic of plan.create) {
      const minInsync = topic.config['min.insync.replicas'] ?? 'default';
      process.stdout.write(
        `topics: ${verb} ${topic.name} (${topic.partitions} partitions, replication factor ${topic.replicationFactor}, min.insync.replicas ${minInsync})\n`,
      );
    }
    for (const name of plan.upToDate) process.stdout.write(`topics: ${name} is up to date\n`);
    for (const drift of plan.drift) {
      process.stderr.write(
        `topics: DRIFT ${drift.topic} ${drift.setting}: the catalog says ${drift.expected}, the cluster has ${drift.actual}\n`,
      );
    }
    return plan.drift.length === 0;
  } finally {
    await admin.disconnect();
  }
}
