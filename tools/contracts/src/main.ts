import fs from 'node:fs';
import path from 'node:path';
import { createRegistryClient } from '@fieldline/platform-registry';
import { FieldlineError } from '@fieldline/shared-errors';
import type { Baseline } from './compatibility-gate';
import { findBreakingChanges, releasedBaseline } from './compatibility-gate';
import { ContractError } from './contract-error';
import { generateContracts, staleFiles } from './generate';
import { loadContracts, repoRoot } from './load-contracts';
import { releaseChanged } from './released';

const usage = `Usage: tsx tools/contracts/src/main.ts <command>

  generate                       write the generated types, catalog and docs
  check                          fail when a generated file is stale
  schemas-check                  fail when a schema change breaks consumers of the released versions
  schemas-check --registry [url] the same, against what the registry holds (default $SCHEMA_REGISTRY_URL)
  release                        snapshot every changed record into schemas/released as its next version
`;

async function main([command, ...args]: string[]): Promise<number> {
  switch (command) {
    case 'generate':
      for (const [file, content] of generateContracts()) {
        const target = path.join(repoRoot, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
        process.stdout.write(`wrote ${file}\n`);
      }
      return 0;
    case 'check': {
      const stale = staleFiles();
      if (stale.length === 0) return 0;
      process.stderr.write(
        `Generated contract files are stale: ${stale.join(', ')}\nRun: npm run contracts:generate\n`,
      );
      return 1;
    }
    case 'schemas-check':
      return checkSchemas(args);
    case 'release': {
      const { topics, expanded } = loadContracts();
      const problems = await findBreakingChanges(topics, expanded, releasedBaseline(repoRoot));
      if (problems.length > 0) {
        process.stderr.write(
          `release refused: fix these first (npm run schemas:check)\n${problems.map((line) => `  - ${line}\n`).join('')}`,
        );
        return 1;
      }
      const written = releaseChanged(repoRoot, topics, expanded);
      process.stdout.write(
        written.length
          ? `released ${written.join(', ')}\n`
          : 'nothing changed since the last release\n',
      );
      return 0;
    }
    default:
      process.stderr.write(usage);
      return 2;
  }
}

async function checkSchemas(args: string[]): Promise<number> {
  const { topics, expanded } = loadContracts();
  const registryFlag = args.indexOf('--registry');
  let baseline: Baseline;
  let against: string;
  if (registryFlag >= 0) {
    const url = args[registryFlag + 1] ?? process.env['SCHEMA_REGISTRY_URL'];
    if (!url) throw new ContractError('--registry needs a URL, or SCHEMA_REGISTRY_URL set');
    const registry = createRegistryClient({ url });
    baseline = (subject) => registry.versions(subject);
    against = `the registry at ${url}`;
  } else {
    baseline = releasedBaseline(repoRoot);
    against = 'schemas/released';
  }
  const problems = await findBreakingChanges(topics, expanded, baseline);
  if (problems.length === 0) {
    process.stdout.write(`schemas:check: every subject is compatible with ${against}\n`);
    return 0;
  }
  process.stderr.write(
    `schemas:check: ${problems.length} breaking change(s) against ${against}:\n` +
      problems.map((line) => `  - ${line}\n`).join('') +
      'Make the change compatible (add fields with defaults, never remove or retype one without a default), ' +
      'or publish it as a new event type.\n',
  );
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ContractError || error instanceof FieldlineError) {
      process.stderr.write(`contracts: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  },
);
