import type { RateResult } from './pipeline-bench';

const short: Record<string, string> = {
  'ingest-gateway': 'gateway',
  'pattern-detector': 'detector',
  'field-state': 'field-state',
  'relationship-detector': 'relationships',
  notifier: 'notifier',
};

/** The pipeline bench's results as the tables docs/performance.md shows. */
export function pipelineReport(
  results: readonly RateResult[],
  machine: string,
  seconds: number,
): string {
  const apps = Object.keys(results[0]?.usage ?? {});
  const stages = Object.keys(results[0]?.lagAtEnd ?? {});
  return [
    '## Pipeline, open loop (batched HTTP ingest)',
    '',
    machine,
    `${seconds} s per rate; a latency probe every second (ingest to webhook notification, from the intended send time).`,
    '',
    `| offered obs/s | accepted obs/s | last answer after | refused | handled/s (${stages.map((s) => short[s] ?? s).join(' / ')}) | lag at last answer (${stages.map((s) => short[s] ?? s).join(' / ')}) | drained after | probes notified | p50 ms | p99 ms |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) =>
      [
        r.offered,
        r.accepted,
        `${(r.answeredWithinMs / 1000).toFixed(1)} s`,
        r.refused,
        stages.map((s) => r.handledPerSecond[s]).join(' / '),
        stages.map((s) => r.lagAtEnd[s]).join(' / '),
        r.drainedWithinMs === undefined
          ? 'not in 60 s'
          : `${(r.drainedWithinMs / 1000).toFixed(1)} s`,
        `${r.probesNotified}/${r.probesSent}`,
        r.latency.p50.toFixed(0),
        r.latency.p99.toFixed(0),
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
    '',
    `| offered obs/s | ${apps.map((a) => `${short[a] ?? a} CPU % / max RSS MB`).join(' | ')} |`,
    `|---|${apps.map(() => '---').join('|')}|`,
    ...results.map(
      (r) =>
        `| ${r.offered} | ${apps.map((a) => `${r.usage[a]?.cpuPercent} / ${Math.round(r.usage[a]?.maxRssMb ?? 0)}`).join(' | ')} |`,
    ),
    '',
  ].join('\n');
}
