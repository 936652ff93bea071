import { testEndpoints, uniqueName } from '@fieldline/testing';
import { createRegistryClient } from '@fieldline/platform-registry';
import { registerRaw } from '../support/registry';

const v1 = {
  type: 'record',
  name: 'Alert',
  namespace: 'dev.fieldline.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'severity', type: 'int' },
  ],
};

describe('the registry enforces compatibility levels', () => {
  const registryUrl = testEndpoints().schemaRegistryUrl;

  it('defaults new subjects to BACKWARD, like the Confluent registry', async () => {
    const response = await fetch(`${registryUrl}/config`);
    expect(await response.json()).toEqual({ compatibilityLevel: 'BACKWARD' });
  });

  it('rejects a BACKWARD-incompatible change and accepts a compatible one', async () => {
    const subject = `${uniqueName('alerts')}-value`;
    expect((await registerRaw(registryUrl, subject, v1)).status).toBe(200);
    await createRegistryClient({ url: registryUrl }).setCompatibility(subject, 'BACKWARD');

    // A new required field: v2 readers cannot read v1 data that lacks it.
    const requiredField = { ...v1, fields: [...v1.fields, { name: 'region', type: 'string' }] };
    const rejected = await registerRaw(registryUrl, subject, requiredField);
    expect(rejected.status).toBe(409);
    expect(String(rejected.body['message'])).toMatch(/incompatible/i);

    // A changed type: int data cannot be read as string.
    const changedType = { ...v1, fields: [v1.fields[0], { name: 'severity', type: 'string' }] };
    expect((await registerRaw(registryUrl, subject, changedType)).status).toBe(409);

    // An optional field with a default is the safe evolution.
    const optionalField = {
      ...v1,
      fields: [...v1.fields, { name: 'region', type: ['null', 'string'], default: null }],
    };
    const accepted = await registerRaw(registryUrl, subject, optionalField);
    expect(accepted.status).toBe(200);
    expect(typeof accepted.body['id']).toBe('number');
  });
});
