import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './load-contracts';

type EditableSchema = { fields: { name: string; type: unknown; [key: string]: unknown }[] };

/**
 * A temporary copy of the repository's schemas/ with one .avsc file edited: how tests try a
 * schema change without touching the working tree. Returns the copy's root; remove it after.
 */
export function copySchemasWith(file: string, edit: (schema: EditableSchema) => void): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldline-schemas-'));
  fs.cpSync(path.join(repoRoot, 'schemas'), path.join(root, 'schemas'), { recursive: true });
  const target = path.join(root, file);
  const schema = JSON.parse(fs.readFileSync(target, 'utf8')) as EditableSchema;
  edit(schema);
  fs.writeFileSync(target, JSON.stringify(schema, null, 2));
  return root;
}
