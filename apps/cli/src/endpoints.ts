import { FieldlineError } from '@fieldline/shared-errors';

export interface Endpoints {
  readonly kafkaBrokers: string[];
  readonly schemaRegistryUrl: string;
  /** FIELDLINE_NAMESPACE: topics and groups under `<namespace>.`; empty for catalog names. */
  readonly namespace: string;
}

/** Where the backbone runs, from the same variables every app reads. */
export function endpointsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) {
      throw new FieldlineError(
        'CONFIG_INVALID',
        `${name} is not set (npm start and the Helm chart set it)`,
      );
    }
    return value;
  };
  return {
    kafkaBrokers: required('KAFKA_BROKERS')
      .split(',')
      .map((broker) => broker.trim()),
    schemaRegistryUrl: required('SCHEMA_REGISTRY_URL'),
    namespace: env['FIELDLINE_NAMESPACE']?.trim() ?? '',
  };
}
