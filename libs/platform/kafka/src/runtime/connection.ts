import {
  fileContents,
  flag,
  invalidConfiguration,
  list,
  oneOf,
  readConfig,
  text,
  url,
  type ConfigValues,
} from '@fieldline/shared-config';
import type { RegistryAuth } from '@fieldline/platform-registry';

export const saslMechanisms = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof saslMechanisms)[number];

/** How a client authenticates to the brokers and protects the connection. */
export interface KafkaSecurity {
  readonly sasl?: {
    readonly mechanism: SaslMechanism;
    readonly username: string;
    readonly password: string;
  };
  /** TLS to the brokers. PEM text: `ca` for a private CA, `cert` and `key` for mutual TLS. */
  readonly tls?: { readonly ca?: string; readonly cert?: string; readonly key?: string };
}

/** Where the backbone runs and how to reach it: what every service and the CLI connect with. */
export interface Connection {
  readonly kafkaBrokers: string[];
  readonly kafkaSecurity: KafkaSecurity;
  readonly schemaRegistryUrl: string;
  readonly registryAuth?: RegistryAuth;
  /** FIELDLINE_NAMESPACE: topics and groups under `<namespace>.`; empty for catalog names. */
  readonly namespace: string;
}

/** The variables a connection is read from. Secrets come in as variables or mounted files. */
export function connectionSettings() {
  return {
    kafkaBrokers: list('KAFKA_BROKERS'),
    kafkaSaslMechanism: oneOf('KAFKA_SASL_MECHANISM', ['none', ...saslMechanisms], {
      default: 'none',
    }),
    kafkaSaslUsername: text('KAFKA_SASL_USERNAME', { default: '' }),
    kafkaSaslPassword: text('KAFKA_SASL_PASSWORD', { default: '' }),
    kafkaTls: flag('KAFKA_TLS', { default: false }),
    kafkaTlsCa: fileContents('KAFKA_TLS_CA_FILE'),
    kafkaTlsCert: fileContents('KAFKA_TLS_CERT_FILE'),
    kafkaTlsKey: fileContents('KAFKA_TLS_KEY_FILE'),
    schemaRegistryUrl: url('SCHEMA_REGISTRY_URL'),
    schemaRegistryUsername: text('SCHEMA_REGISTRY_USERNAME', { default: '' }),
    schemaRegistryPassword: text('SCHEMA_REGISTRY_PASSWORD', { default: '' }),
    namespace: text('FIELDLINE_NAMESPACE', { default: '' }),
  };
}

export type ConnectionValues = ConfigValues<ReturnType<typeof connectionSettings>>;

/**
 * A connection from its read variables; CONFIG_INVALID, naming the variables, when they do not
 * fit together (a mechanism without credentials, a certificate without its key, TLS files
 * without KAFKA_TLS=true).
 */
export function connectionOf(values: ConnectionValues): Connection {
  const problems: string[] = [];
  const mechanism = values.kafkaSaslMechanism;
  if (mechanism !== 'none') {
    for (const [variable, value] of [
      ['KAFKA_SASL_USERNAME', values.kafkaSaslUsername],
      ['KAFKA_SASL_PASSWORD', values.kafkaSaslPassword],
    ]) {
      if (value === '')
        problems.push(`${variable}: is required when KAFKA_SASL_MECHANISM is ${mechanism}`);
    }
  }
  const tlsFiles = {
    KAFKA_TLS_CA_FILE: values.kafkaTlsCa,
    KAFKA_TLS_CERT_FILE: values.kafkaTlsCert,
    KAFKA_TLS_KEY_FILE: values.kafkaTlsKey,
  };
  for (const [variable, contents] of Object.entries(tlsFiles)) {
    if (contents !== undefined && !values.kafkaTls) {
      problems.push(`${variable}: is set but KAFKA_TLS is not true`);
    }
  }
  if ((values.kafkaTlsCert === undefined) !== (values.kafkaTlsKey === undefined)) {
    problems.push('KAFKA_TLS_CERT_FILE, KAFKA_TLS_KEY_FILE: mutual TLS needs both or neither');
  }
  if ((values.schemaRegistryUsername === '') !== (values.schemaRegistryPassword === '')) {
    problems.push('SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD: give both or neither');
  }
  if (problems.length > 0) throw invalidConfiguration(problems);
  return {
    kafkaBrokers: values.kafkaBrokers,
    kafkaSecurity: {
      sasl:
        mechanism === 'none'
          ? undefined
          : { mechanism, username: values.kafkaSaslUsername, password: values.kafkaSaslPassword },
      tls: values.kafkaTls
        ? { ca: values.kafkaTlsCa, cert: values.kafkaTlsCert, key: values.kafkaTlsKey }
        : undefined,
    },
    schemaRegistryUrl: values.schemaRegistryUrl,
    registryAuth:
      values.schemaRegistryUsername === ''
        ? undefined
        : { username: values.schemaRegistryUsername, password: values.schemaRegistryPassword },
    namespace: values.namespace,
  };
}

/** The connection described by the environment. */
export function connectionFromEnvironment(env: NodeJS.ProcessEnv = process.env): Connection {
  return connectionOf(readConfig(connectionSettings(), env));
}
