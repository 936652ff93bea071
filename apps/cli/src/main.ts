import { parseArgs } from 'node:util';
import { FieldlineError } from '@fieldline/shared-errors';
import { endpointsFromEnvironment } from './endpoints';
import { provisionCatalogTopics } from './provision-topics';
import { registerCatalogSchemas } from './register-schemas';

const usage = `Usage: fieldline <command> [--dry-run]

  deploy              provision topics, then register schemas (what a release runs first)
  topics provision    create the catalog's missing topics; report drift on existing ones
  schemas register    register every subject with its topic's compatibility level

Reads KAFKA_BROKERS and SCHEMA_REGISTRY_URL. Exits 1 on drift or a refused schema.
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals.join(' ');
  const dryRun = values['dry-run'] ?? false;
  if (values.help || command === '') {
    process.stdout.write(usage);
    return 0;
  }
  const endpoints = endpointsFromEnvironment();
  switch (command) {
    case 'deploy': {
      const topicsOk = await provisionCatalogTopics(endpoints, dryRun);
      const schemasOk = dryRun || (await registerCatalogSchemas(endpoints));
      return topicsOk && schemasOk ? 0 : 1;
    }
    case 'topics provision':
      return (await provisionCatalogTopics(endpoints, dryRun)) ? 0 : 1;
    case 'schemas register':
      return (await registerCatalogSchemas(endpoints)) ? 0 : 1;
    default:
      process.stderr.write(`Unknown command "${command}".\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const retry =
      error instanceof FieldlineError && error.retriable ? ' (temporary: try again)' : '';
    process.stderr.write(
      `fieldline: ${error instanceof Error ? error.message : String(error)}${retry}\n`,
    );
    process.exitCode = 1;
  },
);
