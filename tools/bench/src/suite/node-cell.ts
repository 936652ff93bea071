import { spawn } from 'node:child_process';
import path from 'node:path';
import { resultMarker, type CellResult, type CellSpec } from '../cells/cell-spec';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** Runs a K or B cell in a fresh Node process and reads its one result line. */
export async function runNodeCell(spec: CellSpec): Promise<CellResult> {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const entry = path.join(repoRoot, 'tools', 'bench', 'src', 'cells', 'cell-main.ts');
  const child = spawn(tsx, [entry, JSON.stringify(spec)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(resultMarker));
  if (code !== 0 || !line) {
    throw new Error(
      `${spec.client} ${spec.workload} cell failed (exit ${code}):\n${stderr.slice(-2000)}`,
    );
  }
  return JSON.parse(line.slice(resultMarker.length)) as CellResult;
}
