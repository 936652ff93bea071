import { connectionFromEnvironment, type KafkaRuntime } from '@fieldline/platform-kafka';
import { localSaslUser, runCli } from '@fieldline/stack';
import { testEndpoints, uniqueName, waitFor } from '@fieldline/testing';
import { observationEvent } from '../support/observations';
import { startRegistryProxy } from '../support/registry-proxy';
import { freshTopics, testRuntime } from '../support/runtime';

/** A runtime connected as the services connect: from their environment variables. */
function runtimeFromEnvironment(
  topics: Awaited<ReturnType<typeof freshTopics>>,
  variables: Record<string, string>,
): KafkaRuntime {
  const connection = connectionFromEnvironment(variables);
  return testRuntime(uniqueName('auth'), topics, {
    brokers: connection.kafkaBrokers,
    security: connection.kafkaSecurity,
    schemaRegistryUrl: connection.schemaRegistryUrl,
    registryAuth: connection.registryAuth,
  });
}

/** Publishes one observation and reads it back through the same runtime. */
async function roundTrip(runtime: KafkaRuntime): Promise<void> {
  const received: string[] = [];
  const runner = runtime
    .consumer({ groupId: uniqueName('auth-reader'), topics: ['observations'] })
    .on('dev.fieldline.observations.ObservationRecorded', async ({ event }) => {
      received.push(event.envelope.eventId);
    });
  await runner.start();
  const [published] = await runtime
    .publisher()
    .publishBatch('observations', [{ key: { regionId: 'r-1' }, event: observationEvent() }]);
  await waitFor(() => received.length > 0, { description: 'the observation read back' });
  expect(received).toEqual([published?.eventId]);
}

describe('authenticated connections, configured as the services are', () => {
  const endpoints = testEndpoints();
  const saslBrokers = () => {
    if (!endpoints.kafkaSaslBrokers) {
      throw new Error(
        'No SASL listener: FIELDLINE_KAFKA_SASL_BROKERS is unset (npm run stack -- up provides one)',
      );
    }
    return endpoints.kafkaSaslBrokers.join(',');
  };
  const sasl = (mechanism: string, password: string = localSaslUser.password) => ({
    KAFKA_BROKERS: saslBrokers(),
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: localSaslUser.username,
    KAFKA_SASL_PASSWORD: password,
    SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
  });

  it.each(['plain', 'scram-sha-512'])('publish and consume over SASL %s', async (mechanism) => {
    const runtime = runtimeFromEnvironment(await freshTopics('observations'), sasl(mechanism));
    try {
      await roundTrip(runtime);
    } finally {
      await runtime.stop();
    }
  });

  it('reject a publish with a wrong password, saying authentication failed', async () => {
    const runtime = runtimeFromEnvironment(
      await freshTopics('observations'),
      sasl('scram-sha-512', 'not-the-password'),
    );
    try {
      await expect(
        runtime
          .publisher({ deliveryTimeoutMs: 3_000 })
          .publish('observations', { regionId: 'r-1' }, observationEvent()),
      ).rejects.toThrow(/SASL SCRAM SHA512 authentication failed|Authentication failed/i);
    } finally {
      await runtime.stop();
    }
  });

  it('send the registry its basic-auth credentials, and name a refused registry', async () => {
    const credentials = { username: 'fieldline-key', password: 'fieldline-secret' };
    const registry = await startRegistryProxy(endpoints.schemaRegistryUrl, {
      basicAuth: credentials,
    });
    const topics = await freshTopics('observations');
    const withCredentials = runtimeFromEnvironment(topics, {
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: registry.url,
      SCHEMA_REGISTRY_USERNAME: credentials.username,
      SCHEMA_REGISTRY_PASSWORD: credentials.password,
    });
    const without = runtimeFromEnvironment(topics, {
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: registry.url,
    });
    try {
      await roundTrip(withCredentials);
      await expect(
        without.publisher().publish('observations', { regionId: 'r-1' }, observationEvent()),
      ).rejects.toThrow(/401/);
    } finally {
      await Promise.all([withCredentials.stop(), without.stop(), registry.cut()]);
    }
  });

  it('let `fieldline deploy` create the topics and register the schemas over SASL, as the Helm Job does', async () => {
    const namespace = uniqueName('sasl-deploy');
    const output = await runCli(['deploy'], {
      ...sasl('scram-sha-512'),
      FIELDLINE_NAMESPACE: namespace,
    });
    expect(output).toContain(`topics: created ${namespace}.observations`);
    expect(output).not.toContain('REJECTED');
    // Asked by name: the registry lists at most 1,000 subjects, and a long-lived stack has more.
    const versions = await fetch(
      `${endpoints.schemaRegistryUrl}/subjects/${namespace}.observations-key/versions`,
    );
    expect(versions.status).toBe(200);
    expect(await versions.json()).toEqual([1]);
  });
});
