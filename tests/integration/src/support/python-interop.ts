import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');
const pythonDir = path.join(repoRoot, 'tests', 'integration', 'python');
const venvDir = path.join(repoRoot, '.fieldline', 'python-interop');
const python = path.join(venvDir, 'bin', 'python');

/**
 * A virtualenv under .fieldline with confluent-kafka and fastavro from PyPI, created on first
 * use and rebuilt when requirements.txt changes.
 */
export function ensureInteropVenv(): void {
  const requirements = path.join(pythonDir, 'requirements.txt');
  const wanted = createHash('sha256').update(fs.readFileSync(requirements)).digest('hex');
  const marker = path.join(venvDir, '.requirements-sha256');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) return;
  fs.rmSync(venvDir, { recursive: true, force: true });
  process.stderr.write(
    '[python-interop] creating a virtualenv with confluent-kafka and fastavro\n',
  );
  execFileSync('python3', ['-m', 'venv', venvDir], { stdio: 'inherit' });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '-r', requirements], {
    stdio: 'inherit',
  });
  fs.writeFileSync(marker, wanted);
}

/** Runs confluent_interop.py and returns its stdout; rejects with its stderr on failure. */
export function runInterop(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [
      '-W',
      'ignore',
      path.join(pythonDir, 'confluent_interop.py'),
      ...args,
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`confluent_interop.py ${args[0]} exited ${code}: ${stderr}`)),
    );
  });
}
