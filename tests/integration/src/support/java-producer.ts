import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { testEndpoints } from '@fieldline/testing';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const source = path.join(repoRoot, 'tests', 'integration', 'java', 'RawProducer.java');

export interface RawRecord {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, Buffer>>;
}

/** The Kafka jars the stack resolved with Maven (they include the Java client and its codecs). */
function kafkaLibs(): string {
  const artifacts = path.join(
    process.env['FIELDLINE_HOME'] ?? path.join(repoRoot, '.fieldline'),
    'artifacts',
  );
  const folder = fs
    .readdirSync(artifacts)
    .filter((name) => name.startsWith('kafka-'))
    .sort()
    .at(-1);
  if (!folder) throw new Error(`No Kafka jars under ${artifacts}; start the stack first`);
  return path.join(artifacts, folder, 'libs');
}

/** Writes `records` to `topic` with the official Java client, compressed with `codec`. */
export function produceWithJavaClient(
  topic: string,
  codec: 'gzip' | 'snappy' | 'lz4' | 'zstd',
  records: readonly RawRecord[],
): void {
  const encode = (data: Buffer | string) => Buffer.from(data).toString('base64');
  const input = records
    .map((record) =>
      [
        encode(record.key),
        encode(record.value),
        ...Object.entries(record.headers).flatMap(([name, value]) => [encode(name), encode(value)]),
      ].join(' '),
    )
    .join('\n');
  execFileSync(
    'java',
    ['-cp', `${kafkaLibs()}/*`, source, testEndpoints().kafkaBrokers.join(','), topic, codec],
    { input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 120_000 },
  );
}
