import type { TopicPartition } from '../port/broker-port';
import { PartitionHolds } from './partition-holds';

function recordingHolds() {
  const log: string[] = [];
  const names = (partitions: readonly TopicPartition[]) =>
    partitions.map(({ topic, partition }) => `${topic}/${partition}`).join(',');
  const holds = new PartitionHolds(
    (partitions) => log.push(`pause ${names(partitions)}`),
    (partitions) => log.push(`resume ${names(partitions)}`),
  );
  return { log, holds };
}

describe('PartitionHolds', () => {
  it('resumes a held partition when its time is up', async () => {
    const { log, holds } = recordingHolds();
    holds.hold({ topic: 'observations', partition: 1 }, Date.now() + 20);
    expect(holds.isHeld({ topic: 'observations', partition: 1 })).toBe(true);
    expect(log).toEqual(['pause observations/1']);
    for (let waited = 0; log.length < 2 && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(log).toEqual(['pause observations/1', 'resume observations/1']);
    expect(holds.isHeld({ topic: 'observations', partition: 1 })).toBe(false);
  });

  it('releases every held partition at once, and then none of their timers fires', async () => {
    const { log, holds } = recordingHolds();
    holds.hold({ topic: 'observations', partition: 1 }, Date.now() + 20);
    holds.hold({ topic: 'observations', partition: 2 }, Date.now() + 20);
    holds.releaseAll();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(log).toEqual([
      'pause observations/1',
      'pause observations/2',
      'resume observations/1,observations/2',
    ]);
    expect(holds.isHeld({ topic: 'observations', partition: 2 })).toBe(false);
  });
});
