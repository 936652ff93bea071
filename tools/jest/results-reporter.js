// Writes each Jest run's counts to $FIELDLINE_TEST_RESULTS/<project>-<pid>.json so that
// `npm test` can close with one "N passed, N failed" line across every project.
const fs = require('node:fs');
const path = require('node:path');

class ResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.FIELDLINE_TEST_RESULTS;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = path
      .relative(path.join(__dirname, '..', '..'), this.rootDir)
      .replace(/[\\/]/g, '_');
    const file = path.join(dir, `${name || 'root'}-${process.pid}.json`);
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    fs.writeFileSync(
      file,
      JSON.stringify({
        passed: results.numPassedTests,
        failed,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = ResultsReporter;
