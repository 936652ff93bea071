import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DetachedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly logFile: string;
  readonly pidFile: string;
}

/**
 * Starts a long-running process in its own process group, detached from this CLI so it
 * outlives `stack up`; output goes to its log file and its pid to a pid file.
 */
export function spawnDetached(spec: DetachedCommand): number {
  const log = fs.openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) {
      throw new Error(`could not start ${spec.command}`);
    }
    child.unref();
    fs.writeFileSync(spec.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    fs.closeSync(log);
  }
}

export function readPidFile(pidFile: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim().split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The full command line of a process, or undefined when it is gone. */
export function commandLineOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  }
}

/**
 * The pid recorded in `pidFile`, if that process is still alive and is the one we started
 * (its command line carries `marker`); a stale file from a reused pid never matches.
 */
export function ownedPid(pidFile: string, marker: string): number | undefined {
  const pid = readPidFile(pidFile);
  if (pid === undefined || !isAlive(pid)) return undefined;
  return commandLineOf(pid)?.includes(marker) ? pid : undefined;
}

/** SIGTERM the process group, wait up to `graceMs`, then SIGKILL it. */
export async function stopProcessGroup(
  pid: number,
  graceMs: number,
): Promise<'stopped' | 'killed'> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(100);
  }
  signalGroup('SIGKILL');
  while (isAlive(pid)) await sleep(50);
  return 'killed';
}

/** The last `lines` lines of a log file, for error messages and `stack logs`. */
export function tailFile(file: string, lines: number): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  } catch {
    return '';
  }
}
