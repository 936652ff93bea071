import { FieldlineError } from '@fieldline/shared-errors';
import { FirstJoin } from './first-join';

describe('FirstJoin', () => {
  it('resolves when the member joins, and later crashes are not its business', async () => {
    const join = new FirstJoin();
    join.joined();
    await expect(join.settled).resolves.toBeUndefined();
    expect(join.crashed(new Error('later'), false)).toBe(false);
  });

  it('rejects with the crash when the client gives up before joining', async () => {
    const join = new FirstJoin();
    const refused = new FieldlineError('CONFIG_INVALID', 'INVALID_SESSION_TIMEOUT');
    expect(join.crashed(refused, true)).toBe(true);
    await expect(join.settled).rejects.toBe(refused);
  });

  it('keeps waiting while the client restarts itself after a failure a retry may fix', async () => {
    const join = new FirstJoin();
    const outage = new FieldlineError('BROKER_UNAVAILABLE', 'coordinator not available');
    expect(join.crashed(outage, true)).toBe(false);
    join.joined();
    await expect(join.settled).resolves.toBeUndefined();
  });

  it('rejects when the client will not restart, whatever the failure', async () => {
    const join = new FirstJoin();
    const outage = new FieldlineError('BROKER_UNAVAILABLE', 'retries exhausted');
    expect(join.crashed(outage, false)).toBe(true);
    await expect(join.settled).rejects.toBe(outage);
  });
});
