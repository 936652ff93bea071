import type { CellResult, Client, Percentiles } from '../cells/cell-spec';
import { ratio, summarise, type Summary } from '../measure/summary';
import type { Row } from './plan';
import type { RowResults } from './run-suite';

const targets = { throughputRatio: 0.9, latencyOverhead: 1.1, serdeMicros: 5 };

/** Every client, in the order the tables show them; the Node ones report event-loop delay. */
const clients = ['J', 'K', 'P', 'B'] as const;
const nodeClients = ['K', 'P', 'B'] as const;

type Pick = (result: CellResult) => number | undefined;

const perSecond: Pick = (r) => r.records / r.seconds;
const megabytesPerSecond: Pick = (r) => (r.records * r.valueBytes) / r.seconds / 1e6;
const cpuPerRecord: Pick = (r) => (r.cpuMicros === undefined ? undefined : r.cpuMicros / r.records);

function of(runs: readonly CellResult[] | undefined, pick: Pick): Summary | undefined {
  return summarise((runs ?? []).map((run) => pick(run) ?? Number.NaN));
}

function format(value: number | undefined, digits = 0): string {
  return value === undefined
    ? '–'
    : value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function spread(summary: Summary | undefined, digits = 0): string {
  if (!summary) return '–';
  const range =
    summary.samples > 1 ? ` (${format(summary.min, digits)}–${format(summary.max, digits)})` : '';
  return `${format(summary.median, digits)}${range}`;
}

function table(header: readonly string[], lines: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((line) => `| ${line.join(' | ')} |`),
  ].join('\n');
}

function latencyCell(
  runs: readonly CellResult[] | undefined,
  which: 'publishLatencyMs' | 'endToEndLatencyMs',
): string {
  const percentile = (key: keyof Percentiles) => of(runs, (r) => r[which]?.[key]);
  const [p50, p99, p999] = (['p50', 'p99', 'p999'] as const).map(percentile);
  return p50
    ? `${format(p50.median, 1)} / ${format(p99?.median, 1)} / ${format(p999?.median, 1)}`
    : '–';
}

export interface Verdict {
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
}

export interface Report {
  readonly markdown: string;
  readonly verdicts: readonly Verdict[];
}

export function buildReport(rows: readonly Row[], results: RowResults, machine: string): Report {
  const sections: string[] = [machine];
  const verdicts: Verdict[] = [];
  const runsOf = (row: Row, client: Client) => results.get(row.id)?.[client];
  const throughputSection = (title: string, workload: Row['workload']) => {
    const selected = rows.filter((row) => row.workload === workload);
    if (selected.length === 0) return;
    const lines = selected.map((row) => {
      const baseline = rows.find((other) => other.id === row.comparedWith);
      const resultsOf = (client: Client) =>
        runsOf(client === 'B' || !baseline ? row : baseline, client);
      const rates = clients.map((client) => of(resultsOf(client), perSecond));
      const [j, k, p, b] = rates;
      const bk = ratio(b, k);
      // A row compared with another is a variant of B for information, not a target.
      if (bk !== undefined && !baseline) {
        verdicts.push({
          target: `${title}, ${row.label}: B/K >= ${targets.throughputRatio}`,
          met: bk >= targets.throughputRatio,
          detail: `B/K = ${format(bk, 2)} (B/P = ${format(ratio(b, p), 2)})`,
        });
      }
      return [
        row.label,
        ...rates.map((rate) => spread(rate)),
        format(of(resultsOf('B'), megabytesPerSecond)?.median, 1),
        clients.map((c) => format(of(resultsOf(c), cpuPerRecord)?.median, 1)).join(' / '),
        clients.map((c) => format(of(resultsOf(c), (r) => r.maxRssMb)?.max)).join(' / '),
        nodeClients
          .map((c) => format(of(resultsOf(c), (r) => r.eventLoopDelayP99Ms)?.median, 1))
          .join(' / '),
        format(bk, 2),
        format(ratio(b, p), 2),
        format(ratio(k, j), 2),
      ];
    });
    sections.push(
      `### ${title}\n\n` +
        table(
          [
            '',
            'J records/s',
            'K records/s',
            'P records/s',
            'B records/s',
            'B MB/s',
            'CPU µs/record J / K / P / B',
            'RSS MB J / K / P / B',
            'loop delay p99 ms K / P / B',
            'B/K',
            'B/P',
            'K/J',
          ],
          lines,
        ),
    );
  };

  const serdeRow = rows.find((row) => row.workload === 'serde');
  if (serdeRow) {
    const names = Object.keys(runsOf(serdeRow, 'B')?.[0]?.serdeMicros ?? {});
    const lines = names.map((name) => {
      const micros = (client: Client) =>
        of(runsOf(serdeRow, client), (r) => r.serdeMicros?.[name]?.micros);
      const b = micros('B');
      if (name.endsWith('ObservationRecorded') && b) {
        verdicts.push({
          target: `Avro encode+decode of a 1 KB event <= ${targets.serdeMicros} µs`,
          met: b.median <= targets.serdeMicros,
          detail: `${format(b.median, 2)} µs`,
        });
      }
      return [
        name.split('.').at(-1) as string,
        format(runsOf(serdeRow, 'B')?.[0]?.serdeMicros?.[name]?.bytes),
        spread(micros('K'), 2),
        spread(b, 2),
      ];
    });
    sections.push(
      `### Avro encode + decode, µs per event\n\n${table(['event', 'bytes', 'K (avsc toBuffer/fromBuffer)', 'B (runtime serde, warm cache)'], lines)}`,
    );
  }
  throughputSection('Maximum produce', 'produce');
  throughputSection('Maximum consume (backlog, eachBatch)', 'consume');
  throughputSection('Consume-transform-produce', 'ctp');

  const latencyRows = rows.filter((row) => row.workload === 'latency');
  if (latencyRows.length > 0) {
    const lines = latencyRows.flatMap((row) =>
      clients.map((client) => [
        `${row.label}`,
        client,
        format(of(runsOf(row, client), perSecond)?.median),
        latencyCell(runsOf(row, client), 'publishLatencyMs'),
        latencyCell(runsOf(row, client), 'endToEndLatencyMs'),
      ]),
    );
    for (const row of latencyRows) {
      for (const which of ['publishLatencyMs', 'endToEndLatencyMs'] as const) {
        const p99 = (client: Client) => of(runsOf(row, client), (r) => r[which]?.p99);
        const overhead = ratio(p99('B'), p99('K'));
        if (overhead !== undefined) {
          verdicts.push({
            target: `${row.label}: B ${which === 'publishLatencyMs' ? 'publish' : 'end-to-end'} p99 <= ${targets.latencyOverhead} x K`,
            met: overhead <= targets.latencyOverhead,
            detail: `K ${format(p99('K')?.median, 1)} ms, P ${format(p99('P')?.median, 1)} ms, B ${format(p99('B')?.median, 1)} ms`,
          });
        }
      }
    }
    sections.push(
      `### Open-loop latency, ms from the intended send time (p50 / p99 / p99.9)\n\n${table(['rate', 'client', 'achieved records/s', 'publish', 'end-to-end'], lines)}`,
    );
  }

  const single = rows.find((row) => row.workload === 'single-send');
  if (single) {
    const lines = clients.map((client) => [
      client,
      client === 'J' ? '–' : format(of(runsOf(single, client), perSecond)?.median),
      latencyCell(runsOf(single, client), 'publishLatencyMs'),
      latencyCell(runsOf(single, client), 'endToEndLatencyMs'),
    ]);
    sections.push(
      `### Awaited single send, 1024 B (ms, p50 / p99 / p99.9)\n\n${table(['client', 'sends/s', 'send → ack', 'send → consumed (J only)'], lines)}`,
    );
  }

  const registryCalls = [...results.values()]
    .flatMap((byClient) => byClient.B ?? [])
    .reduce((sum, result) => sum + (result.registryCalls ?? 0), 0);
  verdicts.push({
    target: 'No registry HTTP call in steady state (B, every measured window)',
    met: registryCalls === 0,
    detail: `${registryCalls} call(s)`,
  });
  sections.push(
    `### Targets\n\n${table(
      ['target', 'met', 'measured'],
      verdicts.map((verdict) => [verdict.target, verdict.met ? 'yes' : '**no**', verdict.detail]),
    )}`,
  );
  return { markdown: sections.join('\n\n') + '\n', verdicts };
}
