import fs from 'node:fs';
import path from 'node:path';
import { endpointEnvironment } from '../endpoints';
import type { Stack } from '../stack';
import { runInherited } from './children';

interface ResultsFile {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

function summarise(resultsDir: string): ResultsFile {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  if (!fs.existsSync(resultsDir)) return totals;
  for (const file of fs.readdirSync(resultsDir)) {
    const result = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8')) as ResultsFile;
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
  }
  return totals;
}

/**
 * `npm test`: bring the stack up, run lint, typecheck and unit tests for every project, then
 * the integration suites against the real stack, and stop what this command started.
 */
export async function testEverything(stack: Stack, extraArgs: readonly string[]): Promise<number> {
  const { repoRoot, home } = stack.context.settings;
  const resultsDir = path.join(home, 'test-results');
  fs.rmSync(resultsDir, { recursive: true, force: true });
  const started = await stack.up();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...endpointEnvironment(stack.endpoints),
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FIELDLINE_TEST_RESULTS: resultsDir,
  };
  const nx = path.join(repoRoot, 'node_modules', '.bin', 'nx');
  const stages: [string, string[]][] = [
    [
      'lint, typecheck, unit tests and the schema compatibility gate',
      [
        'run-many',
        '-t',
        'lint',
        'typecheck',
        'test',
        'schemas-check',
        '--outputStyle=stream',
        '--skip-nx-cache',
        ...extraArgs,
      ],
    ],
    [
      'integration tests against the local stack',
      ['run-many', '-t', 'integration', '--parallel=1', '--outputStyle=stream', ...extraArgs],
    ],
  ];
  let failedStages = 0;
  try {
    for (const [label, args] of stages) {
      process.stderr.write(`[test] ${label}\n`);
      const code = await runInherited(nx, args, { cwd: repoRoot, env });
      if (code !== 0) {
        failedStages += 1;
        process.stderr.write(`[test] ${label} failed (exit ${code})\n`);
      }
    }
  } finally {
    if (process.env['FIELDLINE_KEEP_STACK'] !== '1') await stack.down(started);
  }
  const totals = summarise(resultsDir);
  process.stdout.write(
    `\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
  );
  return failedStages === 0 && totals.failed === 0 ? 0 : 1;
}
