import fs from 'node:fs';
import path from 'node:path';
import {
  type AvroField,
  type AvroNamedSchema,
  type AvroSchema,
  fullNameOf,
  isNamedSchema,
} from './avro';
import { ContractError } from './contract-error';

/** One .avsc source file: exactly one named type, its file named after it. */
export interface SchemaSource {
  readonly fullName: string;
  readonly file: string;
  readonly schema: AvroNamedSchema;
}

function listAvscFiles(dir: string, skip: ReadonlySet<string>): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return skip.has(entry.name) ? [] : listAvscFiles(full, skip);
      return entry.name.endsWith('.avsc') ? [full] : [];
    })
    .sort();
}

function requireDocs(schema: AvroNamedSchema, file: string): void {
  if (schema.type === 'fixed') return;
  if (!schema.doc) throw new ContractError(`${file}: ${schema.name} has no "doc"`);
  if (schema.type === 'record') {
    schema.fields.forEach((field: AvroField) => {
      if (!field.doc)
        throw new ContractError(`${file}: field "${field.name}" of ${schema.name} has no "doc"`);
    });
  }
  if (schema.type === 'enum' && schema.default === undefined) {
    throw new ContractError(
      `${file}: enum ${schema.name} has no "default" symbol, so adding a symbol later would break readers`,
    );
  }
}

/** Loads every .avsc under `schemasDir` (except released snapshots) keyed by full name. */
export function loadSchemaSources(schemasDir: string): Map<string, SchemaSource> {
  const sources = new Map<string, SchemaSource>();
  for (const file of listAvscFiles(schemasDir, new Set(['released']))) {
    const relative = path.relative(path.dirname(schemasDir), file);
    let schema: AvroSchema;
    try {
      schema = JSON.parse(fs.readFileSync(file, 'utf8')) as AvroSchema;
    } catch (error) {
      throw new ContractError(`${relative}: not valid JSON (${(error as Error).message})`);
    }
    if (!isNamedSchema(schema)) {
      throw new ContractError(
        `${relative}: must hold exactly one named type (record, enum or fixed)`,
      );
    }
    if (path.basename(file, '.avsc') !== schema.name) {
      throw new ContractError(`${relative}: file name must match the type name "${schema.name}"`);
    }
    requireDocs(schema, relative);
    const fullName = fullNameOf(schema);
    const existing = sources.get(fullName);
    if (existing)
      throw new ContractError(`${relative}: ${fullName} is already defined in ${existing.file}`);
    sources.set(fullName, { fullName, file: relative, schema });
  }
  return sources;
}
