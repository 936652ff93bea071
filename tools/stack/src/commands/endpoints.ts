import { endpointEnvironment, type StackEndpoints } from '../endpoints';

export function describeEndpoints(endpoints: StackEndpoints): string {
  const environment = endpointEnvironment(endpoints);
  return [
    'Fieldline local stack is up:',
    `  Kafka bootstrap     ${endpoints.kafkaBrokers}`,
    `  Schema registry     ${endpoints.schemaRegistryUrl}`,
    `  PostgreSQL          ${endpoints.databaseUrl}`,
    'Environment for apps and tools:',
    ...Object.entries(environment).map(([key, value]) => `  export ${key}=${value}`),
    '',
  ].join('\n');
}
