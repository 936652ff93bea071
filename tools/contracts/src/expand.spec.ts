import path from 'node:path';
import avro from 'avsc';
import type { AvroNamedSchema, AvroRecordSchema } from './avro';
import { ContractError } from './contract-error';
import { expandSchema } from './expand';
import { loadSchemaSources, type SchemaSource } from './load-schemas';
import { repoRoot } from './load-contracts';

const source = (schema: AvroNamedSchema, fullName: string): [string, SchemaSource] => [
  fullName,
  { fullName, file: `${schema.name}.avsc`, schema },
];

describe('expandSchema', () => {
  const sources = new Map([
    source(
      {
        type: 'enum',
        name: 'Level',
        namespace: 'a.common',
        doc: 'd',
        symbols: ['UNKNOWN', 'HIGH'],
        default: 'UNKNOWN',
      },
      'a.common.Level',
    ),
    source(
      {
        type: 'record',
        name: 'Reading',
        namespace: 'a.events',
        doc: 'd',
        fields: [
          { name: 'level', type: 'a.common.Level', doc: 'd' },
          { name: 'previous', type: ['null', 'a.common.Level'], default: null, doc: 'd' },
        ],
      },
      'a.events.Reading',
    ),
  ]);

  it('inlines a referenced type at its first use and refers to it by full name after', () => {
    const expanded = expandSchema('a.events.Reading', sources) as AvroRecordSchema;
    expect(expanded.name).toBe('a.events.Reading');
    expect(expanded.fields[0]?.type).toMatchObject({ type: 'enum', name: 'a.common.Level' });
    expect(expanded.fields[1]?.type).toEqual(['null', 'a.common.Level']);
    expect(() => avro.Type.forSchema(expanded as avro.Schema)).not.toThrow();
  });

  it('names the file and field of an unknown type', () => {
    const broken = new Map([
      source(
        {
          type: 'record',
          name: 'Bad',
          namespace: 'a',
          doc: 'd',
          fields: [{ name: 'x', type: 'Missing', doc: 'd' }],
        },
        'a.Bad',
      ),
    ]);
    expect(() => expandSchema('a.Bad', broken)).toThrow(
      new ContractError('Bad.avsc field "x": unknown type "a.Missing"'),
    );
  });

  it('turns every schema in schemas/ into one avsc can parse', () => {
    const all = loadSchemaSources(path.join(repoRoot, 'schemas'));
    expect(all.size).toBeGreaterThan(20);
    for (const name of all.keys()) {
      expect(() => avro.Type.forSchema(expandSchema(name, all) as avro.Schema)).not.toThrow();
    }
  });
});
