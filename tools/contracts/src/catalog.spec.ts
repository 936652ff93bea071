import { parseCatalog, parseDuration } from './catalog';

const known = new Set(['k.Key', 'v.One', 'v.Two']);
const topic = (fields: string) => `
defaults:
  replicationFactor: 3
  minInsyncReplicas: 2
  compatibility: BACKWARD
  valueSubjectStrategy: TopicRecordNameStrategy
topics:
  readings:
    description: Readings.
    key: k.Key
    values: [v.One]
    partitions: 3
    owner: gateway
${fields}`;

describe('parseCatalog', () => {
  it('applies defaults and reads durations', () => {
    const [readings] = parseCatalog(topic('    retention: 7d'), known);
    expect(readings).toMatchObject({
      name: 'readings',
      replicationFactor: 3,
      compatibility: 'BACKWARD',
      retentionMs: 7 * 86_400_000,
      compacted: false,
    });
  });

  it.each([
    ['    partitions2: 3', 'catalog topic "readings": unknown key(s) partitions2'],
    [
      '    compatibility: SIDEWAYS',
      'catalog topic "readings" compatibility: "SIDEWAYS" is not one of',
    ],
    ['    retention: a week', 'catalog topic "readings" retention: "a week" is not a duration'],
    [
      '    compacted: true\n    retention: 1d',
      'catalog topic "readings" retention: a compacted topic',
    ],
    [
      '    minInsyncReplicas: 4',
      'catalog topic "readings" minInsyncReplicas: 4 is more than replicationFactor 3',
    ],
    [
      '    valueSubjectStrategy: TopicNameStrategy\n    values: [v.One, v.Two]',
      'TopicNameStrategy allows one event type per topic',
    ],
  ])('rejects %j naming the topic and field', (fields, message) => {
    const text = topic(fields).replace(/ {4}values: \[v\.One\]\n(?=[\s\S]*values:)/, '');
    expect(() => parseCatalog(text, known)).toThrow(message);
  });

  it('names an event record no schema defines', () => {
    expect(() => parseCatalog(topic('').replace('v.One', 'v.Nope'), known)).toThrow(
      'catalog topic "readings" values[0]: no schema defines "v.Nope"',
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['12h', 43_200_000],
  ])('reads %s', (text, ms) => expect(parseDuration(text, 'x')).toBe(ms));
});
