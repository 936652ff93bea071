import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const releasedRoot = join(__dirname, '../../../../schemas/released');

/** A schema version as it shipped, from schemas/released. */
export function releasedSchema(recordName: string, version: number): object {
  return JSON.parse(
    readFileSync(join(releasedRoot, recordName, `v${version}.avsc`), 'utf8'),
  ) as object;
}
