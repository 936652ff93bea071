import fs from 'node:fs';
import path from 'node:path';
import type { PreviousVersion } from '@fieldline/shared-avro-compatibility';
import { Type } from 'avsc';
import type { AvroNamedSchema } from './avro';
import type { TopicDefinition } from './catalog';

/** schemas/released/<record full name>/v<N>.avsc: the self-contained schema of each shipped version. */
export function releasedDir(root: string): string {
  return path.join(root, 'schemas', 'released');
}

/** Every released version of every record, oldest first. */
export function loadReleased(root: string): Map<string, PreviousVersion[]> {
  const dir = releasedDir(root);
  const released = new Map<string, PreviousVersion[]>();
  if (!fs.existsSync(dir)) return released;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const versions = fs
      .readdirSync(path.join(dir, entry.name))
      .map((file) => ({ file, match: /^v(\d+)\.avsc$/.exec(file) }))
      .filter(({ match }) => match !== null)
      .map(({ file, match }) => ({
        version: Number(match?.[1]),
        schema: JSON.parse(fs.readFileSync(path.join(dir, entry.name, file), 'utf8')) as object,
      }))
      .sort((a, b) => a.version - b.version);
    released.set(entry.name, versions);
  }
  return released;
}

/** True when two schemas describe the same binary data (Avro parsing canonical form). */
export function sameCanonicalForm(a: object, b: object): boolean {
  return Type.forSchema(a as never)
    .fingerprint()
    .equals(Type.forSchema(b as never).fingerprint());
}

/**
 * Snapshots every subject record (a topic's key or value) whose working-tree schema differs
 * from its latest released version as the next version. Returns the files written.
 */
export function releaseChanged(
  root: string,
  topics: readonly TopicDefinition[],
  expanded: ReadonlyMap<string, AvroNamedSchema>,
): string[] {
  const released = loadReleased(root);
  const written: string[] = [];
  const subjectRecords = new Set(
    topics.flatMap((topic) => [topic.keyRecord, ...topic.valueRecords]),
  );
  for (const name of [...subjectRecords].sort()) {
    const schema = expanded.get(name) as object;
    const versions = released.get(name) ?? [];
    const latest = versions.at(-1);
    if (latest && isLatestRelease(latest, schema)) continue;
    const file = path.join(name, `v${(latest?.version ?? 0) + 1}.avsc`);
    fs.mkdirSync(path.join(releasedDir(root), name), { recursive: true });
    fs.writeFileSync(path.join(releasedDir(root), file), `${JSON.stringify(schema, null, 2)}\n`);
    written.push(file);
  }
  return written;
}

/**
 * The contract version this working tree writes for each record: its latest release when
 * unchanged since, otherwise the version the next release will snapshot.
 */
export function recordVersions(
  root: string,
  names: readonly string[],
  expanded: ReadonlyMap<string, AvroNamedSchema>,
): Record<string, number> {
  const released = loadReleased(root);
  return Object.fromEntries(
    names.map((name) => {
      const latest = released.get(name)?.at(-1);
      if (!latest) return [name, 1];
      const unchanged = isLatestRelease(latest, expanded.get(name) as object);
      return [name, unchanged ? latest.version : latest.version + 1];
    }),
  );
}

function isLatestRelease(latest: PreviousVersion, schema: object): boolean {
  return JSON.stringify(latest.schema) === JSON.stringify(schema);
}
