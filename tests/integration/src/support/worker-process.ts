import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { spawnEntry } from '@fieldline/stack';
import { waitFor } from '@fieldline/testing';

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process ended. */
  readonly exited: Promise<number | string>;
}

/** Starts a worker script of this folder and waits until it prints `ready`. */
export async function startWorker(
  env: Record<string, string>,
  script = 'observation-worker.ts',
): Promise<WorkerProcess> {
  const { child, output } = spawnEntry(path.join(__dirname, script), [], env);
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  await waitFor(() => output().includes('ready') || ended, {
    description: 'the worker to start consuming',
    timeoutMs: 60_000,
  });
  if (ended) throw new Error(`The worker exited while starting:\n${output()}`);
  return { child, output, exited };
}
