import fs from 'node:fs';
import path from 'node:path';

/** Where integration tests find the real Kafka, registry and PostgreSQL. */
export interface TestEndpoints {
  readonly kafkaBrokers: string[];
  /** The broker's SASL listener (PLAIN and SCRAM-SHA-512); only `npm run stack` has one. */
  readonly kafkaSaslBrokers: string[] | undefined;
  readonly schemaRegistryUrl: string;
  readonly databaseUrl: string;
}

const endpointsFile = path.resolve(__dirname, '..', '..', '..', '.fieldline', 'endpoints.json');

/**
 * Reads KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL (set by `npm test`), falling back
 * to the file `npm run stack -- up` writes, so a single suite can run from an editor.
 */
export function testEndpoints(env: NodeJS.ProcessEnv = process.env): TestEndpoints {
  let fromFile: Partial<
    Record<'kafkaBrokers' | 'kafkaSaslBrokers' | 'schemaRegistryUrl' | 'databaseUrl', string>
  > = {};
  if (fs.existsSync(endpointsFile)) {
    fromFile = JSON.parse(fs.readFileSync(endpointsFile, 'utf8'));
  }
  const kafkaBrokers = env['KAFKA_BROKERS'] ?? fromFile.kafkaBrokers;
  const schemaRegistryUrl = env['SCHEMA_REGISTRY_URL'] ?? fromFile.schemaRegistryUrl;
  const databaseUrl = env['DATABASE_URL'] ?? fromFile.databaseUrl;
  const kafkaSaslBrokers = env['FIELDLINE_KAFKA_SASL_BROKERS'] ?? fromFile.kafkaSaslBrokers;
  if (!kafkaBrokers || !schemaRegistryUrl || !databaseUrl) {
    throw new Error(
      'Integration tests need the local stack: run them with `npm test`, or start it with ' +
        '`npm run stack -- up` (or set KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL).',
    );
  }
  return {
    kafkaBrokers: kafkaBrokers.split(','),
    kafkaSaslBrokers: kafkaSaslBrokers?.split(','),
    schemaRegistryUrl,
    databaseUrl,
  };
}
