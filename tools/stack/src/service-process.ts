import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The five pipeline services, in the order records flow through them. */
export const pipelineApps = [
  'ingest-gateway',
  'pattern-detector',
  'field-state',
  'relationship-detector',
  'notifier',
] as const;
export type PipelineApp = (typeof pipelineApps)[number];

/**
 * Runs an entry point with Node: TypeScript with tsx as the loader, as `npm start` runs apps,
 * or a built bundle (`.js`) as the image runs it. Its stdout and stderr are collected for
 * `output()`.
 */
export function spawnEntry(
  entry: string,
  args: readonly string[],
  env: Record<string, string>,
): { readonly child: ChildProcess; readonly output: () => string } {
  const loader = entry.endsWith('.js') ? ['--enable-source-maps'] : ['--import', 'tsx'];
  // Node flags NODE_OPTIONS refuses, for profiling the apps, e.g. '--cpu-prof --cpu-prof-dir=/tmp'.
  const extra = process.env['FIELDLINE_APP_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...loader, ...extra, entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/**
 * One of the apps, run as its own process: from its source as `npm start` runs it (tests), or
 * from its bundle as the image runs it (the bench).
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  /** The output of each launch, the latest last. */
  private readonly runs: (() => string)[] = [];
  readonly url: string;

  private constructor(
    readonly name: string,
    private readonly port: number,
    private readonly env: Record<string, string>,
    private readonly entry: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** `bundle`: the app's built bundle (`npm run build`) to run instead of its source. */
  static async start(
    name: string,
    env: Record<string, string>,
    options: { readonly bundle?: string } = {},
  ): Promise<ServiceProcess> {
    const entry = options.bundle ?? path.join(repoRoot, 'apps', name, 'src', 'main.ts');
    const service = new ServiceProcess(name, await freePort(), env, entry);
    await service.launch();
    return service;
  }

  output(): string {
    return this.runs.map((run) => run()).join('');
  }

  /** The app's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** SIGKILL: no graceful stop, as a crash or an OOM kill ends it. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  /** Starts it again on the same port and waits until it is ready. */
  async launch(): Promise<void> {
    const { child, output } = spawnEntry(this.entry, [], {
      ...this.env,
      PORT: String(this.port),
    });
    this.child = child;
    this.runs.push(output);
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`${this.name} exited while starting:\n${this.output().slice(-3000)}`);
      }
      if ((await fetch(`${this.url}/readyz`).catch(() => undefined))?.ok) return;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${this.name} was not ready within 90 s:\n${this.output().slice(-3000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

/** Runs `fieldline <args>` with the given environment; rejects with its output on failure. */
export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
): Promise<string> {
  const { child, output } = spawnEntry(
    path.join(repoRoot, 'apps', 'cli', 'src', 'main.ts'),
    args,
    env,
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`fieldline ${args.join(' ')} failed (${code}):\n${output()}`);
  return output();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
