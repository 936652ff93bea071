import { RecordsRefused } from '../port/broker-port';
import { OutputRefusals } from './output-refusals';

const partition = { topic: 'observations', partition: 1 };
const refusal = new RecordsRefused('MESSAGE_TOO_LARGE');

describe('OutputRefusals', () => {
  it('dead-letters a record whose outputs alone were refused, until a commit passes it', () => {
    const refusals = new OutputRefusals();
    refusals.refused(partition, ['7'], refusal);
    expect(refusals.refusalOf(partition, '7')).toBe(refusal);
    expect(refusals.refusalOf({ ...partition, partition: 2 }, '7')).toBeUndefined();
    expect(refusals.isolating(partition)).toBe(false);
    // Refused again (its dead-letter copy was refused too): nothing new to act on.
    expect(refusals.refused(partition, ['7'], refusal)).toBe(false);
    refusals.committed(partition, '7');
    expect(refusals.refusalOf(partition, '7')).toBe(refusal);
    refusals.committed(partition, '8');
    expect(refusals.refusalOf(partition, '7')).toBeUndefined();
  });

  it('sends record by record after a refusal of several records, until a commit passes them', () => {
    const refusals = new OutputRefusals();
    refusals.refused(partition, ['3', '5'], refusal);
    expect(refusals.isolating(partition)).toBe(true);
    expect(refusals.refusalOf(partition, '3')).toBeUndefined();
    // Sent on their own, the outputs of record 5 alone are refused.
    refusals.refused(partition, ['5'], refusal);
    expect(refusals.isolating(partition)).toBe(true);
    refusals.committed(partition, '5');
    expect(refusals.isolating(partition)).toBe(true);
    refusals.committed(partition, '6');
    expect(refusals.isolating(partition)).toBe(false);
    expect(refusals.refusalOf(partition, '5')).toBeUndefined();
  });
});
