import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FieldlineError } from '@fieldline/shared-errors';
import { fileContents, flag, integer, list, oneOf, pairs, readConfig, text, url } from './settings';

describe('readConfig', () => {
  const settings = {
    port: integer('PORT', { default: 8080, min: 1, max: 65535 }),
    brokers: list('KAFKA_BROKERS'),
    registry: url('SCHEMA_REGISTRY_URL'),
    name: text('APP_NAME', { default: 'gateway' }),
    secrets: pairs('WEBHOOK_SECRETS', { default: {} }),
  };
  const valid = { KAFKA_BROKERS: 'a:9092, b:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081' };

  it('reads values and applies defaults', () => {
    expect(readConfig(settings, { ...valid, WEBHOOK_SECRETS: 'generic=s1,acme=s=2' })).toEqual({
      port: 8080,
      brokers: ['a:9092', 'b:9092'],
      registry: 'http://registry:8081',
      name: 'gateway',
      secrets: { generic: 's1', acme: 's=2' },
    });
  });

  it.each([
    [{ PORT: '80a' }, 'PORT: "80a" is not a whole number'],
    [{ PORT: '70000' }, 'PORT: 70000 is not between 1 and 65535'],
    [{ KAFKA_BROKERS: '' }, 'KAFKA_BROKERS: is required'],
    [{ KAFKA_BROKERS: 'a:1,,b:2' }, 'KAFKA_BROKERS: "a:1,,b:2" has an empty entry'],
    [
      { SCHEMA_REGISTRY_URL: 'registry:8081' },
      'SCHEMA_REGISTRY_URL: "registry:8081" is not an http(s) or postgres URL',
    ],
    [{ WEBHOOK_SECRETS: 'generic' }, 'WEBHOOK_SECRETS: entry 1 is not name=value'],
  ])('names the variable and the problem: %j', (change, message) => {
    expect(() => readConfig(settings, { ...valid, ...change })).toThrow(message);
  });

  it('reports every bad variable in one CONFIG_INVALID error', () => {
    let thrown: unknown;
    try {
      readConfig(settings, { PORT: '0' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FieldlineError);
    expect((thrown as FieldlineError).code).toBe('CONFIG_INVALID');
    expect((thrown as Error).message.split('\n').slice(1)).toEqual([
      '  PORT: 0 is not between 1 and 65535',
      '  KAFKA_BROKERS: is required',
      '  SCHEMA_REGISTRY_URL: is required',
    ]);
  });

  it('never echoes a secret in a problem', () => {
    expect(() => readConfig(settings, { ...valid, WEBHOOK_SECRETS: 'a=ok,topsecret' })).toThrow(
      /^(?![\s\S]*topsecret)/,
    );
  });
});

describe('oneOf, flag and fileContents', () => {
  const settings = {
    mechanism: oneOf('KAFKA_SASL_MECHANISM', ['none', 'plain', 'scram-sha-512'], {
      default: 'none',
    }),
    tls: flag('KAFKA_TLS', { default: false }),
    ca: fileContents('KAFKA_TLS_CA_FILE'),
  };

  it('reads a choice, a flag and a file, with defaults when unset', () => {
    const ca = path.join(mkdtempSync(path.join(tmpdir(), 'config-')), 'ca.pem');
    writeFileSync(ca, 'PEM');
    expect(readConfig(settings, {})).toEqual({ mechanism: 'none', tls: false, ca: undefined });
    expect(
      readConfig(settings, {
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_TLS: 'true',
        KAFKA_TLS_CA_FILE: ca,
      }),
    ).toEqual({ mechanism: 'plain', tls: true, ca: 'PEM' });
  });

  it.each([
    [
      { KAFKA_SASL_MECHANISM: 'SCRAM' },
      'KAFKA_SASL_MECHANISM: "SCRAM" is not one of none, plain, scram-sha-512',
    ],
    [{ KAFKA_TLS: 'yes' }, 'KAFKA_TLS: "yes" is not true or false'],
    [
      { KAFKA_TLS_CA_FILE: '/no/such/ca.pem' },
      'KAFKA_TLS_CA_FILE: cannot read "/no/such/ca.pem" (ENOENT)',
    ],
  ])('names the variable and the problem: %j', (env, message) => {
    expect(() => readConfig(settings, env)).toThrow(message);
  });
});
