import type { KafkaMessage } from 'kafkajs';
import { incomingRecord } from './kafkajs-records';

describe('incomingRecord', () => {
  it('reads headers as strings, the last of a repeated one, and leaves out one without a value', () => {
    // kafkajs decodes a header value of length -1 (which Java clients may write) as null.
    const message = {
      offset: '41',
      timestamp: '1700000000000',
      key: Buffer.from('region-1'),
      value: Buffer.from('v'),
      headers: {
        'fieldline-event-id': Buffer.from('e-1'),
        repeated: [Buffer.from('first'), Buffer.from('last')],
        'no-value': null,
        'no-value-last': [Buffer.from('x'), null],
      },
    } as unknown as KafkaMessage;
    expect(incomingRecord('observations', 3, message)).toEqual({
      topic: 'observations',
      partition: 3,
      offset: '41',
      key: Buffer.from('region-1'),
      value: Buffer.from('v'),
      headers: { 'fieldline-event-id': 'e-1', repeated: 'last' },
      timestamp: 1_700_000_000_000,
    });
  });
});
