import { parseArgs } from 'node:util';
import { connectionFromEnvironment } from '@fieldline/platform-kafka';
import { FieldlineError } from '@fieldline/shared-errors';
import { listDeadLetters, redriveDeadLetters } from './dead-letters';
import { provisionCatalogTopics } from './provision-topics';
import { registerCatalogSchemas } from './register-schemas';
import { tailTopic } from './tail-topic';

const usage = `Usage: fieldline <command> [options]

  deploy [--dry-run]            provision topics, then register schemas (what a release runs first)
  topics provision [--dry-run]  create the catalog's missing topics (with each consumer group's
                                retry and dead-letter topics); report drift on existing ones
  schemas register              register every subject with its topic's compatibility level
  tail <topic> [--from-beginning] [--max N] [--type T]
                                follow any topic, one JSON line per record decoded through the
                                registry (--type keeps records whose type ends with T)
  dlq list <topic>              show a dead-letter topic's records: origin, error, decoded value
  dlq redrive <topic> --record <partition/offset>... | --error-type <type> | --all
                                send chosen dead letters back to the topic they failed on

Connects with KAFKA_BROKERS and SCHEMA_REGISTRY_URL, KAFKA_SASL_* and KAFKA_TLS* for the
brokers, SCHEMA_REGISTRY_USERNAME/PASSWORD for the registry, under FIELDLINE_NAMESPACE. Exits 1 on drift, a refused schema or a
dead letter that was asked for and not found.
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      record: { type: 'string', multiple: true },
      'error-type': { type: 'string' },
      all: { type: 'boolean', default: false },
      'from-beginning': { type: 'boolean', default: false },
      max: { type: 'string' },
      type: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const [verb, object, ...rest] = positionals;
  const command =
    verb === 'dlq'
      ? `dlq ${object ?? ''}`.trim()
      : verb === 'tail'
        ? 'tail'
        : positionals.join(' ');
  const dlqTopic = rest[0];
  const dryRun = values['dry-run'] ?? false;
  if (values.help || command === '') {
    process.stdout.write(usage);
    return 0;
  }
  const connection = connectionFromEnvironment();
  switch (command) {
    case 'deploy': {
      const topicsOk = await provisionCatalogTopics(connection, dryRun);
      const schemasOk = dryRun || (await registerCatalogSchemas(connection));
      return topicsOk && schemasOk ? 0 : 1;
    }
    case 'topics provision':
      return (await provisionCatalogTopics(connection, dryRun)) ? 0 : 1;
    case 'schemas register':
      return (await registerCatalogSchemas(connection)) ? 0 : 1;
    case 'tail': {
      const max = values.max === undefined ? undefined : Number(values.max);
      if (!object || (max !== undefined && !(Number.isInteger(max) && max > 0))) {
        process.stderr.write(
          `tail needs a topic name, and --max a positive whole number.\n${usage}`,
        );
        return 2;
      }
      return (await tailTopic(connection, object, {
        fromBeginning: values['from-beginning'] ?? false,
        max,
        type: values.type,
      }))
        ? 0
        : 1;
    }
    case 'dlq list':
    case 'dlq redrive':
      if (!dlqTopic) {
        process.stderr.write(`${command} needs a dead-letter topic name.\n${usage}`);
        return 2;
      }
      return (
        command === 'dlq list'
          ? await listDeadLetters(connection, dlqTopic)
          : await redriveDeadLetters(connection, dlqTopic, {
              records: values.record ?? [],
              errorType: values['error-type'],
              all: values.all ?? false,
            })
      )
        ? 0
        : 1;
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
