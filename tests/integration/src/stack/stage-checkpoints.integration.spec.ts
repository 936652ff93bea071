import { StageCheckpoints } from '@fieldline/platform-postgres';
import { testEndpoints, uniqueName } from '@fieldline/testing';
import { Pool } from 'pg';

describe('stage checkpoints in PostgreSQL', () => {
  const pool = new Pool({ connectionString: testEndpoints().databaseUrl });
  afterAll(() => pool.end());

  it('never let an older checkpoint replace a newer one, and let one ahead of a reset go', async () => {
    const checkpoints = new StageCheckpoints<{ applied: number }>(pool, uniqueName('checkpoints'));
    await checkpoints.ensureSchema();
    await checkpoints.save('observations', 3, { nextOffset: '30', state: { applied: 30 } });
    // Written late by an earlier owner: refused.
    await checkpoints.save('observations', 3, { nextOffset: '12', state: { applied: 12 } });
    expect(await checkpoints.load('observations', 3)).toEqual({
      nextOffset: '30',
      state: { applied: 30 },
    });

    // The group's offsets were reset to 20: the checkpoint at 30 can never be true again.
    await checkpoints.discard('observations', 3, '40');
    expect((await checkpoints.load('observations', 3))?.nextOffset).toBe('30');
    await checkpoints.discard('observations', 3, '20');
    expect(await checkpoints.load('observations', 3)).toBeUndefined();
    await checkpoints.save('observations', 3, { nextOffset: '25', state: { applied: 25 } });
    expect((await checkpoints.load('observations', 3))?.nextOffset).toBe('25');

    // A group that never committed: any checkpoint goes.
    await checkpoints.discard('observations', 3, undefined);
    expect(await checkpoints.load('observations', 3)).toBeUndefined();
  });
});
