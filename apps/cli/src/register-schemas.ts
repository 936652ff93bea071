import { recordSchemas, topicCatalog } from '@fieldline/contracts';
import { createRegistryClient, registerSubjects } from '@fieldline/platform-registry';
import type { Endpoints } from './endpoints';

/** `schemas register`: every catalog subject with its compatibility level. True when none was refused. */
export async function registerCatalogSchemas(endpoints: Endpoints): Promise<boolean> {
  const registry = createRegistryClient({ url: endpoints.schemaRegistryUrl });
  const outcomes = await registerSubjects(registry, Object.values(topicCatalog), recordSchemas);
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
