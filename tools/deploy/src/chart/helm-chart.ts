import path from 'node:path';
import { repoRoot } from '../repo-root';
import { kubernetesVersion } from '../manifests/validate-manifests';
import type { DeployTools } from '../tooling/deploy-tools';
import { runProcess, type ProcessResult } from '@fieldline/stack';

export const chartDir = path.join(repoRoot, 'helm', 'fieldline');

/** The chart's test profiles, helm/fieldline/ci/<name>-values.yaml (kept out of the package). */
export const chartProfiles = ['minimal', 'production', 'strimzi'] as const;

export function profileValues(profile: string): string {
  return path.join(chartDir, 'ci', `${profile}-values.yaml`);
}

export interface ChartInput {
  readonly valuesFiles?: readonly string[];
  /** `--set` pairs, e.g. { 'apps.notifier.replicas': '3' }. */
  readonly set?: Readonly<Record<string, string>>;
  readonly releaseName?: string;
  readonly namespace?: string;
}

function valueArgs(input: ChartInput): string[] {
  return [
    ...(input.valuesFiles ?? []).flatMap((file) => ['--values', file]),
    ...Object.entries(input.set ?? {}).flatMap(([key, value]) => ['--set', `${key}=${value}`]),
  ];
}

/** `helm template`: the manifests, or the error Helm printed (code != 0). */
export function helmTemplate(
  tools: Pick<DeployTools, 'helm'>,
  input: ChartInput = {},
): Promise<ProcessResult> {
  return runProcess(tools.helm, [
    'template',
    input.releaseName ?? 'fieldline',
    chartDir,
    '--namespace',
    input.namespace ?? 'fieldline',
    '--kube-version',
    kubernetesVersion,
    ...valueArgs(input),
  ]);
}

/** `helm lint --strict`: warnings fail too. */
export function helmLint(
  tools: Pick<DeployTools, 'helm'>,
  input: ChartInput = {},
): Promise<ProcessResult> {
  return runProcess(tools.helm, [
    'lint',
    '--strict',
    chartDir,
    '--kube-version',
    kubernetesVersion,
    ...valueArgs(input),
  ]);
}

/** The rendered manifests; throws with Helm's message when the chart does not render. */
export async function renderChart(
  tools: Pick<DeployTools, 'helm'>,
  input: ChartInput = {},
): Promise<string> {
  const run = await helmTemplate(tools, input);
  if (run.code !== 0) throw new Error(`helm template failed:\n${run.stderr}`);
  return run.stdout;
}
