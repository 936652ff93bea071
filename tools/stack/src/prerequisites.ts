import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from './errors';
import type { StackSettings } from './settings';

/** The java executable to run Kafka and the registry with: JAVA_HOME first, then PATH. */
export function findJava(settings: StackSettings): string {
  const java = settings.javaHome ? path.join(settings.javaHome, 'bin', 'java') : 'java';
  // `java -version` prints to stderr.
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new StackError(
      `Java was not found (tried ${java}).`,
      'Install a Java 17+ runtime (for example openjdk-17-jre-headless) or set JAVA_HOME.',
    );
  }
  const versionText = `${result.stderr}${result.stdout}`;
  const major = javaMajorVersion(versionText);
  if (major === undefined || major < 17) {
    throw new StackError(
      `Java 17 or newer is required, found: ${versionText.split('\n')[0] ?? 'unknown'}.`,
      'Install Java 17+ or point JAVA_HOME at one.',
    );
  }
  return java;
}

export function javaMajorVersion(versionText: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

export function requireMaven(): string {
  try {
    execFileSync('mvn', ['-v'], { stdio: 'pipe' });
    return 'mvn';
  } catch {
    throw new StackError(
      'Maven (mvn) was not found; it resolves the Kafka and registry artifacts.',
      'Install Maven 3.8+ (for example the "maven" package) and make sure mvn is on PATH.',
    );
  }
}

/** The PostgreSQL server binaries: FIELDLINE_PG_BIN, then pg_config, then the Debian layout. */
export function findPostgresBinDir(settings: StackSettings): string {
  const candidates: string[] = [];
  if (settings.postgresBinDir) candidates.push(settings.postgresBinDir);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is optional
  }
  const debianRoot = '/usr/lib/postgresql';
  if (fs.existsSync(debianRoot)) {
    const versions = fs
      .readdirSync(debianRoot)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(debianRoot, version, 'bin')));
  }
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')));
  if (!found) {
    throw new StackError(
      'PostgreSQL server binaries (initdb, pg_ctl) were not found.',
      'Install PostgreSQL 14+ server binaries (for example "postgresql-15") or set FIELDLINE_PG_BIN to their folder.',
    );
  }
  return found;
}
