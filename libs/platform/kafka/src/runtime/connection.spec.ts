import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectionFromEnvironment } from './connection';

const base = { KAFKA_BROKERS: 'kafka:9093', SCHEMA_REGISTRY_URL: 'https://registry:8081' };

function pemFile(name: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'connection-')), name);
  writeFileSync(file, `PEM ${name}`);
  return file;
}

describe('connectionFromEnvironment', () => {
  it('is plaintext without credentials when only the endpoints are given', () => {
    expect(connectionFromEnvironment(base)).toEqual({
      kafkaBrokers: ['kafka:9093'],
      kafkaSecurity: { sasl: undefined, tls: undefined },
      schemaRegistryUrl: 'https://registry:8081',
      registryAuth: undefined,
      namespace: '',
    });
  });

  it('reads SASL, TLS with a private CA and mutual TLS, and registry credentials', () => {
    const connection = connectionFromEnvironment({
      ...base,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'fieldline',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_TLS: 'true',
      KAFKA_TLS_CA_FILE: pemFile('ca.pem'),
      KAFKA_TLS_CERT_FILE: pemFile('tls.crt'),
      KAFKA_TLS_KEY_FILE: pemFile('tls.key'),
      SCHEMA_REGISTRY_USERNAME: 'key',
      SCHEMA_REGISTRY_PASSWORD: 'secret',
    });
    expect(connection.kafkaSecurity).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'fieldline', password: 'secret' },
      tls: { ca: 'PEM ca.pem', cert: 'PEM tls.crt', key: 'PEM tls.key' },
    });
    expect(connection.registryAuth).toEqual({ username: 'key', password: 'secret' });
  });

  it('uses the system CAs when TLS is on without a CA file', () => {
    expect(connectionFromEnvironment({ ...base, KAFKA_TLS: 'true' }).kafkaSecurity.tls).toEqual({
      ca: undefined,
      cert: undefined,
      key: undefined,
    });
  });

  it.each([
    [
      { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'fieldline' },
      'KAFKA_SASL_PASSWORD: is required when KAFKA_SASL_MECHANISM is plain',
    ],
    [
      { KAFKA_SASL_MECHANISM: 'gssapi' },
      'KAFKA_SASL_MECHANISM: "gssapi" is not one of none, plain',
    ],
    [{ KAFKA_TLS_CA_FILE: 'CA' }, 'KAFKA_TLS_CA_FILE: cannot read "CA" (ENOENT)'],
    [{ KAFKA_TLS: 'on' }, 'KAFKA_TLS: "on" is not true or false'],
    [
      { SCHEMA_REGISTRY_USERNAME: 'key' },
      'SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD: give both or neither',
    ],
  ])('names what is wrong: %j', (change, message) => {
    expect(() => connectionFromEnvironment({ ...base, ...change })).toThrow(message);
  });

  it('refuses TLS files without KAFKA_TLS=true, and a certificate without its key', () => {
    expect(() =>
      connectionFromEnvironment({ ...base, KAFKA_TLS_CERT_FILE: pemFile('tls.crt') }),
    ).toThrow(
      /KAFKA_TLS_CERT_FILE: is set but KAFKA_TLS is not true\n.*KAFKA_TLS_CERT_FILE, KAFKA_TLS_KEY_FILE: mutual TLS needs both or neither/,
    );
  });
});
