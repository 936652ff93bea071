import { spawn } from 'node:child_process';
import path from 'node:path';
import { resultMarker, type CellResult, type CellSpec } from '../cells/cell-spec';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Runs a K or B cell in a fresh Node process and reads its one result line. The cell runs in
 * the process that is spawned (tsx as a loader, not a launcher), so the timeout kills the cell
 * itself.
 */
export async function runNodeCell(spec: CellSpec): Promise<CellResult> {
  const entry = path.join(repoRoot, 'tools', 'bench', 'src', 'cells', 'cell-main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(spec)], {
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
