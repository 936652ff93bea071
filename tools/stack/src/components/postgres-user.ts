import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { StackError } from '../errors';

/**
 * PostgreSQL refuses to run as root. As root we run its binaries as the unprivileged `postgres`
 * system user (creating `fieldline-pg` when that user does not exist); anyone else runs them
 * as themselves.
 */
export interface PostgresRunner {
  /** The command and leading arguments that run `binary` as the database's owner. */
  command(binary: string, args: readonly string[]): [string, string[]];
  /** Gives a path to the database's owner (no-op when not root). */
  own(targetPath: string): void;
}

function userExists(user: string): boolean {
  try {
    execFileSync('id', ['-u', user], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ensureUnprivilegedUser(): string {
  if (userExists('postgres')) return 'postgres';
  const user = 'fieldline-pg';
  if (!userExists(user)) {
    try {
      execFileSync('useradd', [
        '--system',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        user,
      ]);
    } catch (error) {
      throw new StackError(
        'Running as root, and no unprivileged user exists to run PostgreSQL as.',
        'Create a "postgres" system user, or run the stack as a normal user.',
        { cause: error },
      );
    }
  }
  return user;
}

export function postgresRunner(): PostgresRunner {
  if (process.getuid?.() !== 0) {
    return { command: (binary, args) => [binary, [...args]], own: () => undefined };
  }
  const user = ensureUnprivilegedUser();
  return {
    command: (binary, args) => ['runuser', ['-u', user, '--', binary, ...args]],
    own: (targetPath) => {
      if (fs.existsSync(targetPath)) execFileSync('chown', ['-R', `${user}:`, targetPath]);
    },
  };
}
