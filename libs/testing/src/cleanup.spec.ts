import { createCleanup } from './cleanup';
import { uniqueName } from './unique-name';

describe('createCleanup', () => {
  it('runs every step in reverse order even when one fails', async () => {
    const order: string[] = [];
    const cleanup = createCleanup();
    cleanup.add(() => order.push('first'));
    cleanup.add(() => {
      throw new Error('disconnect failed');
    });
    cleanup.add(() => order.push('last'));
    await expect(cleanup.run()).rejects.toThrow('cleanup failed');
    expect(order).toEqual(['last', 'first']);
  });
});

describe('uniqueName', () => {
  it('never repeats and keeps the prefix', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('orders')));
    expect(names.size).toBe(1000);
    expect([...names].every((name) => name.startsWith('orders-'))).toBe(true);
  });
});
