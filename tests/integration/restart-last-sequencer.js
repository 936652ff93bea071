// Runs suites alphabetically, except that suites which restart stack components run last,
// so no other suite sees its broker disappear.
const Sequencer = require('@jest/test-sequencer').default;

class RestartLastSequencer extends Sequencer {
  sort(tests) {
    const restarts = (test) => (/restart/.test(test.path) ? 1 : 0);
    return [...tests].sort((a, b) => restarts(a) - restarts(b) || a.path.localeCompare(b.path));
  }
}

module.exports = RestartLastSequencer;
