import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { HttpProblem } from '@fieldline/platform-http';

/** One line of an import: the reading it holds, or why it could not be read. */
export type LineRecord =
  | { readonly line: number; readonly input: unknown }
  | { readonly line: number; readonly error: string };

const requiredColumns = ['source', 'regionId', 'metric', 'value', 'observedAt'];
const optionalColumns = ['unit', 'confidence'];
const attributePrefix = 'attr.';

/** Newline-delimited JSON: one reading per line; blank lines are skipped. */
export async function* ndjsonRecords(input: Readable): AsyncGenerator<LineRecord> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      yield { line, input: JSON.parse(text) };
    } catch (error) {
      yield { line, error: `is not valid JSON: ${(error as Error).message}` };
    }
  }
}

/**
 * CSV with a header row: source, regionId, metric, value, observedAt, and optionally unit,
 * confidence and `attr.<name>` columns. A header naming an unknown column refuses the file.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<LineRecord> {
  const skipped: LineRecord[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      columns: checkHeader,
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  parser.on('skip', (error: CsvError) => {
    skipped.push({
      line: Number(error.lines),
      error: error.message.replace(/^Invalid Record Length: /, ''),
    });
  });
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield* skipped.splice(0);
    yield { line: info.lines, input: readingOfRow(record) };
  }
  yield* skipped.splice(0);
}

function checkHeader(header: string[]): string[] {
  const unknown = header.filter(
    (column) =>
      ![...requiredColumns, ...optionalColumns].includes(column) &&
      !column.startsWith(attributePrefix),
  );
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    throw new HttpProblem(400, 'Invalid CSV header', describeHeader(unknown, missing), {
      problems: [
        ...unknown.map((column) => ({
          field: `header.${column}`,
          reason: 'is not a known column',
        })),
        ...missing.map((column) => ({ field: `header.${column}`, reason: 'is required' })),
      ],
    });
  }
  return header;
}

function describeHeader(unknown: string[], missing: string[]): string {
  const parts = [
    ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`unknown ${unknown.join(', ')}`] : []),
  ];
  return `The header row has ${parts.join('; ')}. Columns: ${[...requiredColumns, ...optionalColumns].join(', ')}, attr.<name>`;
}

/** CSV cells are text: numbers are read as numbers, empty optional cells as absent. */
function readingOfRow(row: Record<string, string>): Record<string, unknown> {
  const attributes: Record<string, string> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (column.startsWith(attributePrefix) && cell !== '')
      attributes[column.slice(attributePrefix.length)] = cell;
  }
  return {
    source: row['source'],
    regionId: row['regionId'],
    metric: row['metric'],
    value: numberOrText(row['value']),
    observedAt: /^\d+$/.test(row['observedAt'] ?? '')
      ? Number(row['observedAt'])
      : row['observedAt'],
    ...(row['unit'] ? { unit: row['unit'] } : {}),
    ...(row['confidence'] ? { confidence: numberOrText(row['confidence']) } : {}),
    attributes,
  };
}

function numberOrText(cell: string | undefined): unknown {
  if (cell === undefined || cell === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell) ? Number(cell) : cell;
}
