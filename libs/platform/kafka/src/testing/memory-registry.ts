import type { RegistryClient } from '@fieldline/platform-registry';
import { FieldlineError } from '@fieldline/shared-errors';
import { Type } from 'avsc';

/**
 * A registry for unit tests that registers in memory (one schema per subject) and serves the
 * schemas it registered by id; `down` makes it fail as an outage would.
 */
export function memoryRegistry() {
  const state = { down: false };
  const ids = new Map<string, number>();
  const schemas = new Map<number, object>();
  const reachable = () => {
    if (state.down) throw new FieldlineError('REGISTRY_UNAVAILABLE', 'registry down');
  };
  const registry = {
    url: 'memory',
    register: async (subject: string, schema: object) => {
      reachable();
      if (!ids.has(subject)) ids.set(subject, ids.size + 1);
      const id = ids.get(subject) as number;
      schemas.set(id, schema);
      return id;
    },
    typeOf: async (schemaId: number) => {
      reachable();
      const schema = schemas.get(schemaId);
      if (!schema) throw new FieldlineError('UNKNOWN_SCHEMA', `no schema with id ${schemaId}`);
      return Type.forSchema(schema as never);
    },
  } as unknown as RegistryClient;
  return { registry, state };
}
