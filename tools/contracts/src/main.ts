import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from './contract-error';
import { generateContracts, repoRoot, staleFiles } from './generate';

/** `contracts generate` writes the generated files; `contracts check` fails when they are stale. */
function main(command: string | undefined): number {
  if (command === 'generate') {
    for (const [file, content] of generateContracts()) {
      const target = path.join(repoRoot, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
      process.stdout.write(`wrote ${file}\n`);
    }
    return 0;
  }
  if (command === 'check') {
    const stale = staleFiles();
    if (stale.length === 0) return 0;
    process.stderr.write(
      `Generated contract files are stale: ${stale.join(', ')}\nRun: npm run contracts:generate\n`,
    );
    return 1;
  }
  process.stderr.write('Usage: contracts generate | check\n');
  return 2;
}

try {
  process.exitCode = main(process.argv[2]);
} catch (error) {
  if (error instanceof ContractError) {
    process.stderr.write(`contracts: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
