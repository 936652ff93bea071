import type { ConsumerOptions, ConsumerRunner } from '../consume/consumer-runner';
import { FanOut } from './fan-out';

/** A runner that only records being started and stopped; `failing` cannot start. */
function fakeRunners(failing: string) {
  const log: string[] = [];
  const create = (options: ConsumerOptions<'observations'>) =>
    ({
      start: async () => {
        if (options.groupId === failing) throw new Error(`${failing} cannot reach the broker`);
        log.push(`started ${options.groupId}`);
      },
      stop: async () => {
        log.push(`stopped ${options.groupId}`);
        return true;
      },
    }) as unknown as ConsumerRunner<'observations'>;
  return { log, create };
}

describe('FanOut', () => {
  it('starts every group or none: a group that cannot start stops the others again', async () => {
    const { log, create } = fakeRunners('webhooks');
    const fanOut = new FanOut(create, { topics: ['observations'] })
      .group('live-stream', () => undefined)
      .group('webhooks', () => undefined);
    await expect(fanOut.start()).rejects.toThrow('webhooks cannot reach the broker');
    expect(log).toContain('started live-stream');
    expect(log).toContain('stopped live-stream');
  });

  it('refuses a group added after start, which would never run', async () => {
    const { create } = fakeRunners('none');
    const fanOut = new FanOut(create, { topics: ['observations'] }).group('a', () => undefined);
    await fanOut.start();
    expect(() => fanOut.group('b', () => undefined)).toThrow('before start()');
  });
});
