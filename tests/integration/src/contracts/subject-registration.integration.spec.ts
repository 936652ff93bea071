import fs from 'node:fs';
import { recordSchemas } from '@fieldline/contracts';
import {
  copySchemasWith,
  findBreakingChanges,
  loadContracts,
  repoRoot,
} from '@fieldline/contracts-codegen';
import { createRegistryClient, registerSubjects } from '@fieldline/platform-registry';
import { testEndpoints } from '@fieldline/testing';
import { freshTopic } from '../support/fresh-topic';

const observationRecord = 'dev.fieldline.observations.ObservationRecorded';

/** schemas:check --registry for the observations topic of `root`, as if it were named `topicName`. */
async function gateAgainstRegistry(root: string, topicName: string): Promise<string[]> {
  const registry = createRegistryClient({ url: testEndpoints().schemaRegistryUrl });
  const { topics, expanded } = loadContracts(root);
  const observations = topics
    .filter((definition) => definition.name === 'observations')
    .map((definition) => ({ ...definition, name: topicName }));
  return findBreakingChanges(observations, expanded, (subject) => registry.versions(subject));
}

describe('subject registration and the compatibility gate against the real registry', () => {
  const registry = createRegistryClient({ url: testEndpoints().schemaRegistryUrl });

  it('registers each subject with its compatibility level, idempotently', async () => {
    const topic = freshTopic('observations');
    const first = await registerSubjects(registry, [topic], recordSchemas);
    expect(first.map(({ subject, outcome }) => [subject, outcome])).toEqual([
      [topic.key.subject, 'registered'],
      [topic.values[0]?.subject, 'registered'],
    ]);
    expect(await registry.compatibility(topic.key.subject)).toBe(topic.compatibility);
    expect(await registry.compatibility(topic.values[0]?.subject ?? '')).toBe(topic.compatibility);

    const again = await registerSubjects(registry, [topic], recordSchemas);
    expect(again.map(({ outcome }) => outcome)).toEqual(['unchanged', 'unchanged']);
    expect(again.map(({ schemaId }) => schemaId)).toEqual(first.map(({ schemaId }) => schemaId));
  });

  it('the registry refuses a breaking change and the gate names subject, field and rule', async () => {
    const topic = freshTopic('observations');
    await registerSubjects(registry, [topic], recordSchemas);
    const valueSubject = topic.values[0]?.subject ?? '';

    const root = copySchemasWith('schemas/observations/ObservationRecorded.avsc', (schema) => {
      schema.fields = schema.fields.filter((field) => field.name !== 'source');
    });
    try {
      const broken = loadContracts(root).expanded.get(observationRecord) as object;
      const [, outcome] = await registerSubjects(registry, [topic], {
        ...recordSchemas,
        [observationRecord]: broken,
      });
      expect(outcome).toMatchObject({ subject: valueSubject, outcome: 'rejected' });

      const problems = await gateAgainstRegistry(root, topic.name);
      expect(problems).toEqual([
        `${valueSubject}: field source breaks FULL_TRANSITIVE (consumers on version 1 cannot ` +
          'read data written with the new schema): the reader requires this field (it has no default) but the writer does not write it',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('the committed working tree passes the gate against what the registry holds', async () => {
    const topic = freshTopic('observations');
    await registerSubjects(registry, [topic], recordSchemas);
    expect(await gateAgainstRegistry(repoRoot, topic.name)).toEqual([]);
  });
});
