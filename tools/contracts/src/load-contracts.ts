import path from 'node:path';
import type { AvroNamedSchema } from './avro';
import { loadCatalog, type TopicDefinition } from './catalog';
import { expandSchema } from './expand';
import { loadSchemaSources, type SchemaSource } from './load-schemas';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The contract sources of a working tree: schema files, the topic catalog and self-contained schemas. */
export interface Contracts {
  readonly sources: ReadonlyMap<string, SchemaSource>;
  readonly topics: readonly TopicDefinition[];
  /** Every named type, expanded into a schema with no references, by full name. */
  readonly expanded: ReadonlyMap<string, AvroNamedSchema>;
}

export function loadContracts(root = repoRoot): Contracts {
  const schemasDir = path.join(root, 'schemas');
  const sources = loadSchemaSources(schemasDir);
  const topics = loadCatalog(path.join(schemasDir, 'catalog.yaml'), new Set(sources.keys()));
  const expanded = new Map<string, AvroNamedSchema>(
    [...sources.keys()].map((name) => [name, expandSchema(name, sources)]),
  );
  return { sources, topics, expanded };
}
