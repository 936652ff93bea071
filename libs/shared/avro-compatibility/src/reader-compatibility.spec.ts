import { Type } from 'avsc';
import { readerIncompatibilities } from './reader-compatibility';

const record = (fields: object[], extra: object = {}) => ({
  type: 'record',
  name: 'dev.fieldline.test.Reading',
  fields,
  ...extra,
});
const problems = (reader: object, writer: object) =>
  readerIncompatibilities(Type.forSchema(reader as never), Type.forSchema(writer as never));

describe('readerIncompatibilities (Avro schema resolution)', () => {
  const id = { name: 'id', type: 'string' };

  it('accepts identical schemas', () => {
    expect(problems(record([id]), record([id]))).toEqual([]);
  });

  it('accepts a reader field the writer lacks when it has a default', () => {
    const optional = { name: 'confidence', type: ['null', 'double'], default: null };
    expect(problems(record([id, optional]), record([id]))).toEqual([]);
  });

  it('names a reader field without default that the writer does not write', () => {
    expect(problems(record([id, { name: 'region', type: 'string' }]), record([id]))).toEqual([
      {
        path: 'region',
        problem:
          'the reader requires this field (it has no default) but the writer does not write it',
      },
    ]);
  });

  it('ignores writer fields the reader dropped', () => {
    expect(problems(record([id]), record([id, { name: 'extra', type: 'int' }]))).toEqual([]);
  });

  it('names a changed type and allows the promotions the spec allows', () => {
    expect(problems(record([{ name: 'id', type: 'int' }]), record([id]))).toEqual([
      { path: 'id', problem: 'type changed: written as string, read as int' },
    ]);
    expect(
      problems(record([{ name: 'n', type: 'long' }]), record([{ name: 'n', type: 'int' }])),
    ).toEqual([]);
    expect(
      problems(record([{ name: 'n', type: 'double' }]), record([{ name: 'n', type: 'float' }])),
    ).toEqual([]);
    expect(
      problems(record([{ name: 'n', type: 'int' }]), record([{ name: 'n', type: 'long' }])),
    ).toHaveLength(1);
  });

  it('follows nested records, arrays and maps and names the full path', () => {
    const inner = (scoreType: string) => ({
      type: 'record',
      name: 'dev.fieldline.test.Score',
      fields: [{ name: 'score', type: scoreType }],
    });
    const nested = (scoreType: string) =>
      record([
        { name: 'dimensions', type: { type: 'array', items: inner(scoreType) } },
        { name: 'labels', type: { type: 'map', values: scoreType } },
      ]);
    expect(problems(nested('string'), nested('double')).map((found) => found.path)).toEqual([
      'dimensions[].score',
      'labels{}',
    ]);
  });

  it('needs every writer union branch to be readable', () => {
    const widened = record([{ name: 'v', type: ['null', 'string', 'int'], default: null }]);
    const narrow = record([{ name: 'v', type: ['null', 'string'], default: null }]);
    expect(problems(widened, narrow)).toEqual([]);
    expect(problems(narrow, widened)).toEqual([
      {
        path: 'v',
        problem: "the writer's int matches no branch of the reader's union [null, string]",
      },
    ]);
  });

  it('lets an enum with a default read new symbols, and names them when it has none', () => {
    const metric = (symbols: string[], extra: object = {}) =>
      record([
        {
          name: 'metric',
          type: { type: 'enum', name: 'dev.fieldline.test.Metric', symbols, ...extra },
        },
      ]);
    expect(
      problems(
        metric(['UNKNOWN', 'FLOOD'], { default: 'UNKNOWN' }),
        metric(['UNKNOWN', 'FLOOD', 'HEAT']),
      ),
    ).toEqual([]);
    expect(
      problems(metric(['UNKNOWN', 'FLOOD']), metric(['UNKNOWN', 'FLOOD', 'HEAT']))[0]?.problem,
    ).toContain('symbols HEAT');
  });

  it('treats a renamed record as incompatible unless the reader carries the old name as an alias', () => {
    const renamed = { ...record([id]), name: 'dev.fieldline.test.Measurement' };
    expect(problems(renamed, record([id]))[0]?.problem).toContain('renamed');
    expect(problems({ ...renamed, aliases: ['dev.fieldline.test.Reading'] }, record([id]))).toEqual(
      [],
    );
  });

  it('matches a renamed field through its alias', () => {
    expect(
      problems(record([{ name: 'identifier', type: 'string', aliases: ['id'] }]), record([id])),
    ).toEqual([]);
  });

  it('refuses a reader field whose name and alias match two writer fields', () => {
    const reader = record([{ name: 'b', type: 'int', aliases: ['a'] }]);
    const writer = record([
      { name: 'a', type: 'int' },
      { name: 'b', type: 'int' },
    ]);
    expect(problems(reader, writer)[0]?.problem).toContain('ambiguous');
  });

  it('terminates on recursive records', () => {
    const tree = record([
      id,
      { name: 'children', type: { type: 'array', items: 'dev.fieldline.test.Reading' } },
    ]);
    expect(problems(tree, tree)).toEqual([]);
  });
});
