import type { Producer } from 'kafkajs';
import { RenewingProducer } from './renewing-producer';

function fakeProducers(connectFailures = 0) {
  const created: { id: number; disconnected: boolean }[] = [];
  let failuresLeft = connectFailures;
  const create = () => {
    const state = { id: created.length + 1, disconnected: false };
    created.push(state);
    return {
      id: state.id,
      connect: async () => {
        if (failuresLeft-- > 0) throw new Error('broker down');
      },
      disconnect: async () => {
        state.disconnected = true;
      },
    } as unknown as Producer;
  };
  return { created, create };
}

const idOf = (producer: Producer) => (producer as unknown as { id: number }).id;

describe('RenewingProducer', () => {
  it('keeps using one producer while its requests succeed', async () => {
    const { created, create } = fakeProducers();
    const renewing = new RenewingProducer(create);
    expect(await renewing.use(async (producer) => idOf(producer))).toBe(1);
    expect(await renewing.use(async (producer) => idOf(producer))).toBe(1);
    expect(created).toHaveLength(1);
  });

  it('replaces the producer after a failed request and disconnects the old one', async () => {
    const { created, create } = fakeProducers();
    const renewing = new RenewingProducer(create);
    await expect(
      renewing.use(async () => {
        throw new Error('request timed out');
      }),
    ).rejects.toThrow('request timed out');
    expect(await renewing.use(async (producer) => idOf(producer))).toBe(2);
    expect(created[0]?.disconnected).toBe(true);
  });

  it('tries a new producer after a failed connect', async () => {
    const { create } = fakeProducers(1);
    const renewing = new RenewingProducer(create);
    await expect(renewing.connected()).rejects.toThrow('broker down');
    expect(idOf(await renewing.connected())).toBe(2);
  });

  it('ignores retiring a producer that was already replaced', async () => {
    const { create } = fakeProducers();
    const renewing = new RenewingProducer(create);
    const first = await renewing.connected();
    renewing.retire(first);
    const second = await renewing.connected();
    renewing.retire(first);
    expect(await renewing.connected()).toBe(second);
  });

  it('refuses work after a disconnect instead of reconnecting unseen, until reopened', async () => {
    const { created, create } = fakeProducers();
    const renewing = new RenewingProducer(create);
    await renewing.use(async () => undefined);
    await renewing.disconnect();
    await expect(renewing.use(async () => undefined)).rejects.toThrow('was disconnected');
    expect(created).toHaveLength(1);
    renewing.reopen();
    expect(await renewing.use(async (producer) => idOf(producer))).toBe(2);
  });
});
