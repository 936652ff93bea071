import fs from 'node:fs';
import { findBreakingChanges, releasedBaseline } from './compatibility-gate';
import { copySchemasWith } from './edited-schemas';
import { loadContracts, repoRoot } from './load-contracts';
import { releaseChanged } from './released';

const observationFile = 'schemas/observations/ObservationRecorded.avsc';
const observationSubject = 'observations-dev.fieldline.observations.ObservationRecorded';

const copies: string[] = [];
afterAll(() => copies.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

function workingTreeWith(file: string, edit: Parameters<typeof copySchemasWith>[1]): string {
  const root = copySchemasWith(file, edit);
  copies.push(root);
  return root;
}

/** A compatible change that would still move keys to other partitions. */
function addOptionalTenant(schema: Parameters<Parameters<typeof copySchemasWith>[1]>[0]): void {
  schema.fields.push({ name: 'tenant', type: ['null', 'string'], default: null, doc: 'Tenant.' });
}

async function gate(root: string) {
  const { topics, expanded } = loadContracts(root);
  return findBreakingChanges(topics, expanded, releasedBaseline(root));
}

describe('the schema compatibility gate against schemas/released', () => {
  it('passes the committed working tree', async () => {
    expect(await gate(repoRoot)).toEqual([]);
  });

  it('passes an added optional field', async () => {
    const root = workingTreeWith(observationFile, (schema) => {
      schema.fields.push({
        name: 'qualityFlag',
        type: ['null', 'string'],
        default: null,
        doc: 'QA flag.',
      } as never);
    });
    expect(await gate(root)).toEqual([]);
  });

  it('fails a removed field without default, naming subject, field and rule', async () => {
    const root = workingTreeWith(observationFile, (schema) => {
      schema.fields = schema.fields.filter((field) => field.name !== 'source');
    });
    const problem =
      'the reader requires this field (it has no default) but the writer does not write it';
    expect(await gate(root)).toEqual([
      `${observationSubject}: field source breaks FULL_TRANSITIVE (consumers on version 1 cannot read data written with the new schema): ${problem}`,
      `${observationSubject}: field source breaks FULL_TRANSITIVE (consumers on version 2 cannot read data written with the new schema): ${problem}`,
    ]);
  });

  it('fails a changed field type in both directions', async () => {
    const root = workingTreeWith(observationFile, (schema) => {
      const value = schema.fields.find((field) => field.name === 'value');
      if (value) value.type = 'string';
    });
    const problems = await gate(root);
    expect(problems).toContain(
      `${observationSubject}: field value breaks FULL_TRANSITIVE (consumers on the new schema cannot read data written with version 1): type changed: written as double, read as string`,
    );
    expect(problems).toContain(
      `${observationSubject}: field value breaks FULL_TRANSITIVE (consumers on version 2 cannot read data written with the new schema): type changed: written as string, read as double`,
    );
    expect(problems).toHaveLength(4);
  });

  it('keeps failing a changed key after the change was snapshotted as a new version', async () => {
    const root = workingTreeWith('schemas/keys/RegionKey.avsc', addOptionalTenant);
    const { topics, expanded } = loadContracts(root);
    releaseChanged(root, topics, expanded);
    expect((await gate(root))[0]).toContain(
      'observations-key: key schema dev.fieldline.keys.RegionKey differs from version 1',
    );
  });

  it('fails any change to a key schema, even a compatible one', async () => {
    const root = workingTreeWith('schemas/keys/RegionKey.avsc', addOptionalTenant);
    const problems = await gate(root);
    expect(problems[0]).toMatch(
      /^observations-key: key schema dev\.fieldline\.keys\.RegionKey differs from version 1; key schemas are frozen/,
    );
  });
});
