import { list, readConfig, text, url } from '@fieldline/shared-config';

export interface Endpoints {
  readonly kafkaBrokers: string[];
  readonly schemaRegistryUrl: string;
  /** FIELDLINE_NAMESPACE: topics and groups under `<namespace>.`; empty for catalog names. */
  readonly namespace: string;
}

/** Where the backbone runs, from the same variables every app reads, checked the same way. */
export function endpointsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Endpoints {
  return readConfig(
    {
      kafkaBrokers: list('KAFKA_BROKERS'),
      schemaRegistryUrl: url('SCHEMA_REGISTRY_URL'),
      namespace: text('FIELDLINE_NAMESPACE', { default: '' }),
    },
    env,
  );
}
