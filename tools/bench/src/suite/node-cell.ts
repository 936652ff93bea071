import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundleEntry } from '@fieldline/deploy';
import { resultMarker, type CellResult, type CellSpec } from '../cells/cell-spec';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Bundles the K and B cells once per run, as the apps' images are bundled, to run on plain Node.
 * Under tsx, its loader and the helpers that keep function names cost the runtime's cells
 * about a tenth of their throughput, a cost no deployed service pays.
 */
export async function bundleNodeCells(): Promise<string> {
  const bundle = path.join(repoRoot, 'dist', 'tools', 'bench', 'cell-main.js');
  await bundleEntry(path.join(repoRoot, 'tools', 'bench', 'src', 'cells', 'cell-main.ts'), bundle);
  return bundle;
}

/**
 * Runs a K or B cell from the bundle in a fresh Node process and reads its one result line.
 * The timeout kills the cell itself.
 */
export async function runNodeCell(bundle: string, spec: CellSpec): Promise<CellResult> {
  const child = spawn(process.execPath, [bundle, JSON.stringify(spec)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
  // 'close' comes after the output streams ended, so the result line is complete.
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearTimeout(timer));
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(resultMarker));
  if (code !== 0 || !line) {
    throw new Error(
      `${spec.client} ${spec.workload} cell failed (exit ${code}):\n${stderr.slice(-2000)}`,
    );
  }
  return JSON.parse(line.slice(resultMarker.length)) as CellResult;
}
