import { recordSchemas, topicCatalog, type TopicName } from '@fieldline/contracts';
import { namespacedTopicNames, TopicNames, type Connection } from '@fieldline/platform-kafka';
import { createRegistryClient, registerSubjects } from '@fieldline/platform-registry';

/** `schemas register`: every catalog subject with its compatibility level. True when none was refused. */
export async function registerCatalogSchemas(connection: Connection): Promise<boolean> {
  const registry = createRegistryClient({
    url: connection.schemaRegistryUrl,
    auth: connection.registryAuth,
  });
  const names = new TopicNames(namespacedTopicNames(connection.namespace));
  const topics = (Object.keys(topicCatalog) as TopicName[]).map((topic) => names.spec(topic));
  const outcomes = await registerSubjects(registry, topics, recordSchemas);
  for (const outcome of outcomes) {
    if (outcome.outcome === 'rejected') {
      process.stderr.write(`schemas: REJECTED ${outcome.subject}: ${outcome.reason}\n`);
    } else {
      process.stdout.write(
        `schemas: ${outcome.outcome} ${outcome.subject} (schema id ${outcome.schemaId})\n`,
      );
    }
  }
  return outcomes.every((outcome) => outcome.outcome !== 'rejected');
}
