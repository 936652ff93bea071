import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from './command';
import type { StackContext } from './context';
import { StackError } from './errors';
import { requireMaven } from './prerequisites';

/** The versions pinned in tools/stack/maven/pom.xml, the one place they are written. */
export interface PinnedVersions {
  readonly kafka: string;
  readonly apicurio: string;
}

export const pomFile = path.resolve(__dirname, '..', 'maven', 'pom.xml');

export function readPinnedVersions(file = pomFile): PinnedVersions {
  const pom = fs.readFileSync(file, 'utf8');
  const property = (name: string) => {
    const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(pom);
    if (!match?.[1]) throw new Error(`${file} does not pin <${name}>`);
    return match[1].trim();
  };
  return { kafka: property('kafka.version'), apicurio: property('apicurio.version') };
}

const completeMarker = '.complete';

function isComplete(dir: string): boolean {
  return fs.existsSync(path.join(dir, completeMarker));
}

function markComplete(dir: string): void {
  fs.writeFileSync(path.join(dir, completeMarker), new Date().toISOString());
}

async function resolveWithMaven(
  ctx: StackContext,
  what: string,
  args: readonly string[],
): Promise<void> {
  const mvn = requireMaven();
  const logFile = ctx.layout.logFile('maven');
  try {
    await runCommand(mvn, ['-B', '-q', '-f', pomFile, ...args], { logFile });
  } catch (error) {
    throw new StackError(
      `Maven could not resolve ${what}.`,
      `Check that Maven Central (or the mirror in ~/.m2/settings.xml) is reachable; Maven's output is in ${logFile}.`,
      { cause: error },
    );
  }
}

/** The Kafka broker's classpath folder, resolved once per version. */
export async function ensureKafkaJars(ctx: StackContext): Promise<string> {
  const { kafka } = readPinnedVersions();
  const dir = path.join(ctx.layout.artifacts, `kafka-${kafka}`);
  const libs = path.join(dir, 'libs');
  if (isComplete(dir)) return libs;
  ctx.progress.step('kafka', `resolving Apache Kafka ${kafka} jars with Maven`);
  fs.rmSync(dir, { recursive: true, force: true });
  await resolveWithMaven(ctx, `org.apache.kafka:kafka_2.13:${kafka}`, [
    'dependency:copy-dependencies@kafka',
    `-Dfieldline.artifacts=${ctx.layout.artifacts}`,
  ]);
  markComplete(dir);
  return libs;
}

/** The unpacked Apicurio Registry distribution folder, resolved once per version. */
export async function ensureRegistryDistribution(ctx: StackContext): Promise<string> {
  const { apicurio } = readPinnedVersions();
  const dir = path.join(ctx.layout.artifacts, `apicurio-registry-${apicurio}`);
  if (isComplete(dir)) return dir;
  const coordinates = `io.apicurio:apicurio-registry-app:${apicurio}:tar.gz:all`;
  ctx.progress.step('registry', `resolving Apicurio Registry ${apicurio} with Maven`);
  fs.mkdirSync(ctx.layout.downloads, { recursive: true });
  // Plugin 2.8 copies the attached tarball without reading its (unpublished) parent pom.
  await resolveWithMaven(ctx, coordinates, [
    'org.apache.maven.plugins:maven-dependency-plugin:2.8:copy',
    `-Dartifact=${coordinates}`,
    `-DoutputDirectory=${ctx.layout.downloads}`,
  ]);
  const tarball = path.join(ctx.layout.downloads, `apicurio-registry-app-${apicurio}-all.tar.gz`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  await runCommand('tar', ['-xzf', tarball, '-C', dir]);
  markComplete(dir);
  return dir;
}
