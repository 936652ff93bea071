import { Readable } from 'node:stream';
import { csvRecords, ndjsonRecords, type LineRecord } from './line-records';

async function all(records: AsyncGenerator<LineRecord>): Promise<LineRecord[]> {
  const out: LineRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}
const stream = (text: string) => Readable.from([Buffer.from(text)]);

describe('csvRecords', () => {
  const header = 'source,regionId,metric,value,unit,observedAt,confidence,attr.station\n';

  it('reads rows as readings: numbers as numbers, quoted commas kept, empty cells absent', async () => {
    const records = await all(
      csvRecords(
        stream(
          `${header}"st,1",r-01-01,heat_index,41.5,degC,2026-07-01T12:00:00Z,0.9,north\nst-2,r-01-02,flood_risk,abc,,1782907200000,,\n`,
        ),
      ),
    );
    expect(records).toEqual([
      {
        line: 2,
        input: {
          source: 'st,1',
          regionId: 'r-01-01',
          metric: 'heat_index',
          value: 41.5,
          unit: 'degC',
          observedAt: '2026-07-01T12:00:00Z',
          confidence: 0.9,
          attributes: { station: 'north' },
        },
      },
      {
        line: 3,
        input: {
          source: 'st-2',
          regionId: 'r-01-02',
          metric: 'flood_risk',
          value: 'abc',
          observedAt: 1782907200000,
          attributes: {},
        },
      },
    ]);
  });

  it('reports a row with the wrong number of cells by its line and goes on', async () => {
    const records = await all(
      csvRecords(
        stream(`${header}st-1,r-01-01,heat_index\nst-2,r-01-02,flood_risk,0.5,,1782907200000,,\n`),
      ),
    );
    expect(records.map((record) => [record.line, 'error' in record])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it.each([
    ['source,region,metric,value,observedAt\n', 'missing regionId; unknown region'],
    ['source,regionId,metric,value\n', 'missing observedAt'],
  ])('refuses a file whose header is %j', async (badHeader, message) => {
    await expect(all(csvRecords(stream(badHeader)))).rejects.toThrow(message);
  });
});

describe('ndjsonRecords', () => {
  it('reads one reading per line, skips blank lines and reports lines that are not JSON', async () => {
    const records = await all(ndjsonRecords(stream('{"a":1}\n\n{oops\r\n{"b":2}')));
    expect(records).toEqual([
      { line: 1, input: { a: 1 } },
      { line: 3, error: expect.stringContaining('is not valid JSON') },
      { line: 4, input: { b: 2 } },
    ]);
  });
});
