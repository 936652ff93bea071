import { recordSchemas, topicCatalog, type TopicName } from '@fieldline/contracts';
import { namespacedTopicNames, TopicNames } from '@fieldline/platform-kafka';
import { createRegistryClient, registerSubjects } from '@fieldline/platform-registry';
import type { Endpoints } from './endpoints';

/** `schemas register`: every catalog subject with its compatibility level. True when none was refused. */
export async function registerCatalogSchemas(endpoints: Endpoints): Promise<boolean> {
  const registry = createRegistryClient({ url: endpoints.schemaRegistryUrl });
  const names = new TopicNames(namespacedTopicNames(endpoints.namespace));
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
