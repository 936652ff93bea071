import { logLevel } from 'kafkajs';
import { kafkajsLogCreator } from './kafkajs-log';

function logged(level: logLevel, message: string, fields: object, verbose = false) {
  const lines: [string, string][] = [];
  kafkajsLogCreator((at, text) => lines.push([at, text]), verbose)()({
    namespace: 'Connection',
    level,
    label: 'ERROR',
    log: { message, timestamp: '2026-11-23T00:00:00Z', logger: 'kafkajs', ...fields },
  });
  return lines;
}

describe('kafkajs log entries', () => {
  it.each([
    [
      'a transaction still completing',
      'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing',
    ],
    ['a leader that moved', 'This server is not the leader for that topic-partition'],
    ['a group rebalancing', 'The group is rebalancing, so a rejoin is needed'],
  ])('drop the answer kafkajs retries: %s (a warning when verbose)', (_case, error) => {
    const message = 'Response AddOffsetsToTxn(key: 25, version: 1)';
    expect(logged(logLevel.ERROR, message, { error })).toEqual([]);
    expect(logged(logLevel.ERROR, message, { error }, true)).toEqual([['warn', message]]);
  });

  it('keep an answer no retry changes as an error', () => {
    const message = 'Response Produce(key: 0, version: 7)';
    const error = 'Not authorized to access topics: [Topic authorization failed]';
    expect(logged(logLevel.ERROR, message, { error })).toEqual([['error', message]]);
  });

  it('keep kafkajs errors that are not broker answers', () => {
    expect(logged(logLevel.ERROR, 'Connection error: connect ECONNREFUSED', {})).toEqual([
      ['error', 'Connection error: connect ECONNREFUSED'],
    ]);
  });
});
