import fs from 'node:fs';
import type { StackContext } from './context';
import { StackError } from './errors';
import { ownedPid, spawnDetached, stopProcessGroup, tailFile } from './processes';
import { findJava } from './prerequisites';
import { waitUntil } from './wait';

export interface JavaProcessSpec {
  readonly component: string;
  readonly jvmArgs: readonly string[];
  readonly mainArgs: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly readyTimeoutMs: number;
  readonly probe: () => Promise<boolean>;
}

/** The system property that tags our JVMs, so `down` never stops a process it did not start. */
export function ownershipMarker(ctx: StackContext, component: string): string {
  return `-Dfieldline.stack=${ctx.settings.home}#${component}`;
}

export function runningJavaPid(ctx: StackContext, component: string): number | undefined {
  return ownedPid(ctx.layout.pidFile(component), ownershipMarker(ctx, component));
}

export async function startJavaProcess(ctx: StackContext, spec: JavaProcessSpec): Promise<number> {
  const java = findJava(ctx.settings);
  const logFile = ctx.layout.logFile(spec.component);
  fs.writeFileSync(logFile, '');
  const pid = spawnDetached({
    command: java,
    args: [ownershipMarker(ctx, spec.component), ...spec.jvmArgs, ...spec.mainArgs],
    env: { ...process.env, ...spec.env },
    cwd: spec.cwd,
    logFile,
    pidFile: ctx.layout.pidFile(spec.component),
  });
  ctx.progress.step(spec.component, `started (pid ${pid}), waiting until it is ready`);
  try {
    const tookMs = await waitUntil(spec.probe, {
      timeoutMs: spec.readyTimeoutMs,
      abortIf: () =>
        runningJavaPid(ctx, spec.component) === undefined ? 'the process exited' : undefined,
    });
    ctx.progress.done(spec.component, `ready in ${(tookMs / 1000).toFixed(1)}s`);
    return pid;
  } catch (error) {
    await stopJavaProcess(ctx, spec.component);
    throw new StackError(
      `${spec.component} did not become ready: ${(error as Error).message}.\n${tailFile(logFile, 15)}`,
      `Read ${logFile} for the full log.`,
      { cause: error },
    );
  }
}

export async function stopJavaProcess(
  ctx: StackContext,
  component: string,
): Promise<'stopped' | 'not running'> {
  const pid = runningJavaPid(ctx, component);
  fs.rmSync(ctx.layout.pidFile(component), { force: true });
  if (pid === undefined) return 'not running';
  const outcome = await stopProcessGroup(pid, 30_000);
  if (outcome === 'killed') ctx.progress.warn(component, 'did not stop within 30s and was killed');
  return 'stopped';
}
