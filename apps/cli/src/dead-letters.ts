import { KafkaRuntime, type Connection, type DeadLetter } from '@fieldline/platform-kafka';
import { FieldlineError } from '@fieldline/shared-errors';

export interface RedriveSelection {
  /** `partition/offset` of each chosen record. */
  readonly records: readonly string[];
  readonly errorType: string | undefined;
  readonly all: boolean;
}

export function runtimeFor(connection: Connection): KafkaRuntime {
  return new KafkaRuntime({
    app: 'fieldline-cli',
    brokers: connection.kafkaBrokers,
    security: connection.kafkaSecurity,
    schemaRegistryUrl: connection.schemaRegistryUrl,
    registryAuth: connection.registryAuth,
    log: () => undefined,
  });
}

function describe(letter: DeadLetter): string {
  const decoded =
    'value' in letter.decoded
      ? JSON.stringify(letter.decoded.value, (_, value) =>
          typeof value === 'bigint' ? String(value) : value,
        )
      : `(does not decode: ${letter.decoded.error})`;
  return [
    `${letter.partition}/${letter.offset}  ${letter.errorType}  from ${letter.sourceTopic} ${letter.sourcePartition}/${letter.sourceOffset}`,
    `  group ${letter.consumerGroup}, ${letter.attempts} attempt(s), first failed ${letter.firstFailureAt.toISOString()}`,
    `  event ${letter.eventType ?? '(unknown type)'} ${letter.eventId ?? '(no id)'}`,
    `  error: ${letter.errorMessage}`,
    `  value: ${decoded}`,
  ].join('\n');
}

/** `dlq list <topic>`: every dead letter, decoded where possible. */
export async function listDeadLetters(connection: Connection, topic: string): Promise<boolean> {
  const letters = await runtimeFor(connection).deadLetters().list(topic);
  process.stdout.write(`${letters.length} dead letter(s) in ${topic}\n`);
  for (const letter of letters) process.stdout.write(`${describe(letter)}\n`);
  return true;
}

/** `dlq redrive <topic>`: sends the chosen dead letters back to the topics they failed on. */
export async function redriveDeadLetters(
  connection: Connection,
  topic: string,
  selection: RedriveSelection,
): Promise<boolean> {
  if (!selection.all && selection.records.length === 0 && !selection.errorType) {
    throw new FieldlineError(
      'CONFIG_INVALID',
      'Choose what to redrive: --record <partition/offset> (repeatable), --error-type <type> or --all',
    );
  }
  const wanted = new Set(selection.records);
  const redriven = await runtimeFor(connection)
    .deadLetters()
    .redrive(
      topic,
      (letter) =>
        selection.all ||
        wanted.has(`${letter.partition}/${letter.offset}`) ||
        (selection.errorType !== undefined && letter.errorType === selection.errorType),
    );
  for (const letter of redriven) {
    process.stdout.write(
      `redriven ${letter.partition}/${letter.offset} to ${letter.sourceTopic}\n`,
    );
  }
  const missing = [...wanted].filter(
    (id) => !redriven.some((letter) => `${letter.partition}/${letter.offset}` === id),
  );
  for (const id of missing) process.stderr.write(`no dead letter at ${id} in ${topic}\n`);
  return missing.length === 0;
}
