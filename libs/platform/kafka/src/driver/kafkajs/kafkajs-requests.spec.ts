// kafkajs as patched (patches/kafkajs+2.2.4.patch): a request loads its version's encoder and
// decoder once, not through `require` every time it is made. Behind OpenTelemetry's require
// hook, every `require` resolved a file: microseconds per Kafka request. Node's own module
// loader runs this in a child process; Jest's loader does not go through Module.prototype.
import { execFileSync } from 'node:child_process';

const probe = `
const Module = require('node:module');
const { requests } = require('kafkajs/src/protocol/requests');
const [api, folder, version, args] = JSON.parse(process.argv[1]);
const build = requests[api].protocol({ version });
const first = build(args);
const original = Module.prototype.require;
const required = [];
Module.prototype.require = function (id) {
  required.push(id);
  return original.call(this, id);
};
const again = build(args);
Module.prototype.require = original;
const direct = require('kafkajs/src/protocol/requests/' + folder + '/v' + version + '/response');
console.log(JSON.stringify({ required, same: again.response === first.response && again.response === direct }));
`;

describe("kafkajs' request definitions, as patched", () => {
  it.each([
    [
      'Fetch',
      'fetch',
      11,
      {
        replicaId: -1,
        maxWaitTime: 100,
        minBytes: 1,
        maxBytes: 1024,
        topics: [],
        isolationLevel: 1,
      },
    ],
    ['Produce', 'produce', 3, { acks: -1, timeout: 30_000, compression: 0, topicData: [] }],
    ['Heartbeat', 'heartbeat', 3, { groupId: 'g', groupGenerationId: 1, memberId: 'm' }],
    [
      'OffsetCommit',
      'offsetCommit',
      5,
      { groupId: 'g', groupGenerationId: 1, memberId: 'm', topics: [] },
    ],
  ])('builds %s (%s) v%i again without calling require', (api, folder, version, args) => {
    const output = execFileSync(
      process.execPath,
      ['-e', probe, JSON.stringify([api, folder, version, args])],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(output)).toEqual({ required: [], same: true });
  });
});
