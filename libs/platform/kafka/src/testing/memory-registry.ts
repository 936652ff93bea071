import type { RegistryClient } from '@fieldline/platform-registry';
import { FieldlineError } from '@fieldline/shared-errors';

/** A registry for unit tests that registers in memory; `down` makes it fail as an outage would. */
export function memoryRegistry() {
  const state = { down: false };
  const ids = new Map<string, number>();
  const registry = {
    url: 'memory',
    register: async (subject: string) => {
      if (state.down) throw new FieldlineError('REGISTRY_UNAVAILABLE', 'registry down');
      if (!ids.has(subject)) ids.set(subject, ids.size + 1);
      return ids.get(subject) as number;
    },
  } as unknown as RegistryClient;
  return { registry, state };
}
