import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { runCommand } from '../command';
import type { Component, ComponentStatus } from '../component';
import type { StackContext } from '../context';
import { StackError } from '../errors';
import { requireFreePorts } from '../ownership';
import { findPostgresBinDir } from '../prerequisites';
import { isAlive, tailFile } from '../processes';
import { waitUntil } from '../wait';
import { postgresRunner } from './postgres-user';

const name = 'postgres';

/** The local superuser; credentials for a loopback-only development database. */
export const localDatabaseUser = 'fieldline';
export const localDatabasePassword = 'fieldline';
/** Databases the stack creates: the application's and the schema registry's storage. */
export const localDatabases = ['fieldline', 'registry'] as const;

export function postgresUrl(ctx: StackContext, database: string): string {
  return `postgres://${localDatabaseUser}:${localDatabasePassword}@127.0.0.1:${ctx.settings.postgresPort}/${database}`;
}

export function postgresComponent(ctx: StackContext): Component {
  const root = ctx.layout.dataDir(name);
  const dataDir = path.join(root, 'pgdata');
  const logFile = ctx.layout.logFile(name);
  const endpoint = postgresUrl(ctx, 'fieldline');
  const runner = postgresRunner();

  const run = async (binary: string, args: readonly string[]) => {
    const [command, commandArgs] = runner.command(
      path.join(findPostgresBinDir(ctx.settings), binary),
      args,
    );
    return runCommand(command, commandArgs, { logFile: ctx.layout.logFile('postgres-admin') });
  };

  /** The postmaster pid from postmaster.pid, when that process is alive. */
  const runningPid = (): number | undefined => {
    try {
      const pid = Number(
        fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
    } catch {
      return undefined;
    }
  };

  const connect = async (database: string) => {
    const client = new Client({
      connectionString: postgresUrl(ctx, database),
      connectionTimeoutMillis: 2000,
    });
    await client.connect();
    return client;
  };

  const probe = async () => {
    const client = await connect('postgres');
    try {
      await client.query('select 1');
      return true;
    } finally {
      await client.end();
    }
  };

  const initOnce = async () => {
    if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
    ctx.progress.step(name, 'initialising a new database cluster (initdb)');
    fs.mkdirSync(root, { recursive: true });
    const passwordFile = path.join(root, 'initdb.pw');
    fs.writeFileSync(passwordFile, `${localDatabasePassword}\n`, { mode: 0o600 });
    runner.own(root);
    try {
      await run('initdb', [
        '-D',
        dataDir,
        '-U',
        localDatabaseUser,
        `--pwfile=${passwordFile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=peer',
        '-E',
        'UTF8',
        '--no-locale',
      ]);
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  };

  const createDatabases = async () => {
    const client = await connect('postgres');
    try {
      for (const database of localDatabases) {
        const exists = await client.query('select 1 from pg_database where datname = $1', [
          database,
        ]);
        if (exists.rowCount === 0) await client.query(`create database "${database}"`);
      }
    } finally {
      await client.end();
    }
  };

  return {
    name,
    endpoint,
    async start() {
      if (runningPid() !== undefined) return 'already running';
      await requireFreePorts(name, [
        { port: ctx.settings.postgresPort, variable: 'FIELDLINE_POSTGRES_PORT' },
      ]);
      await initOnce();
      fs.writeFileSync(logFile, '');
      runner.own(logFile);
      const options = [
        `-p ${ctx.settings.postgresPort}`,
        '-c listen_addresses=127.0.0.1',
        "-c unix_socket_directories=''",
        '-c max_connections=200',
        '-c fsync=on',
      ].join(' ');
      const started = Date.now();
      try {
        await run('pg_ctl', [
          '-D',
          dataDir,
          '-l',
          logFile,
          '-o',
          options,
          '-w',
          '-t',
          '60',
          'start',
        ]);
        await waitUntil(probe, { timeoutMs: 30_000 });
      } catch (error) {
        throw new StackError(
          `PostgreSQL did not start: ${(error as Error).message}\n${tailFile(logFile, 15)}`,
          `Read ${logFile} for the full log.`,
          { cause: error },
        );
      }
      await createDatabases();
      ctx.progress.done(
        name,
        `ready in ${((Date.now() - started) / 1000).toFixed(1)}s (pid ${runningPid()})`,
      );
      return 'started';
    },
    async stop() {
      if (runningPid() === undefined) return 'not running';
      await run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
      return 'stopped';
    },
    async status(): Promise<ComponentStatus> {
      const pid = runningPid();
      const healthy = pid !== undefined && (await probe().catch(() => false));
      return { name, pid, healthy, endpoint };
    },
  };
}
