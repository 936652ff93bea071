/** Where clients reach the stack; the same names apps read from their environment. */
export interface StackEndpoints {
  readonly kafkaBrokers: string;
  /** The same broker's SASL listener (user localSaslUser), for tests of authenticated clients. */
  readonly kafkaSaslBrokers: string;
  readonly schemaRegistryUrl: string;
  readonly databaseUrl: string;
}

/** The environment variables that point apps and tests at these endpoints. */
export function endpointEnvironment(endpoints: StackEndpoints): Record<string, string> {
  return {
    KAFKA_BROKERS: endpoints.kafkaBrokers,
    FIELDLINE_KAFKA_SASL_BROKERS: endpoints.kafkaSaslBrokers,
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
    DATABASE_URL: endpoints.databaseUrl,
  };
}
