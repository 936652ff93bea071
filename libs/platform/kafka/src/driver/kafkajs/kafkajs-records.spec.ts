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

  it("reads each record's own header values while they repeat, change and come back", () => {
    const buffers = [
      ...['abc', 'abc', 'abd', 'abd', 'ab', 'abc', 'ünï', 'ünï', 'abc'].map((text) =>
        Buffer.from(text),
      ),
      // Not UTF-8: one byte, one replacement character, as Buffer.toString reads it.
      Buffer.from([0xe9]),
      Buffer.from([0xe9]),
      Buffer.from([0xc3]),
      Buffer.from('é'),
    ];
    const values = buffers.map((buffer) => buffer.toString());
    const read = buffers.map(
      (value, index) =>
        incomingRecord('observations', 0, {
          offset: String(index),
          timestamp: '0',
          key: null,
          value: null,
          headers: { 'fieldline-event-type': value },
        } as unknown as KafkaMessage).headers['fieldline-event-type'],
    );
    expect(read).toEqual(values);
  });

  it('reads what the bytes say after the buffers an earlier value came in were written to', () => {
    const message = (value: Buffer | string) =>
      ({
        offset: '0',
        timestamp: '0',
        key: null,
        value: null,
        headers: { 'fieldline-producer': value },
      }) as unknown as KafkaMessage;
    const first = Buffer.from('gateway');
    const second = Buffer.from('gateway');
    incomingRecord('observations', 0, message(first));
    incomingRecord('observations', 0, message(second));
    first.write('detects');
    second.write('detects');
    expect(incomingRecord('observations', 0, message(Buffer.from('detects'))).headers).toEqual({
      'fieldline-producer': 'detects',
    });
    expect(incomingRecord('observations', 0, message(Buffer.from('gateway'))).headers).toEqual({
      'fieldline-producer': 'gateway',
    });
    expect(incomingRecord('observations', 0, message('a string')).headers).toEqual({
      'fieldline-producer': 'a string',
    });
  });
});
