import { performance } from 'node:perf_hooks';
import { recordSchemas, topicCatalog, type TopicName } from '@fieldline/contracts';
import { Type } from 'avsc';
import { MeasuredWindow } from '../measure/measured-window';
import type { CellResult, CellSpec } from './cell-spec';
import { benchRuntime, registryHost } from './cell-support';
import { observationCorpus, observationType, stamped, type CorpusEntry } from './corpus';

interface SerdeCase {
  readonly recordName: string;
  readonly subject: string;
  readonly schema: object;
  readonly value: unknown;
}

const iterations = 20_000;

/** Every event of the catalog: the observation at the corpus size, the others as avsc draws them. */
function serdeCases(spec: CellSpec, runtime: ReturnType<typeof benchRuntime>): SerdeCase[] {
  return (Object.keys(topicCatalog) as TopicName[]).flatMap((topic) =>
    runtime.topics.spec(topic).values.map((value) => {
      const schema = recordSchemas[value.recordName] as object;
      const sample =
        value.recordName === observationType
          ? stamped((observationCorpus(spec.valueBytes, 1)[0] as CorpusEntry).event)
          : Type.forSchema(schema as never).random();
      return { recordName: value.recordName, subject: value.subject, schema, value: sample };
    }),
  );
}

/** Microseconds per call; a promise-returning `run` is awaited, as its callers must. */
async function timed(run: () => unknown): Promise<number> {
  const loop = async () => {
    for (let index = 0; index < iterations; index += 1) {
      const result = run();
      if (result instanceof Promise) await result;
    }
  };
  await loop();
  const startedAt = performance.now();
  await loop();
  return ((performance.now() - startedAt) * 1000) / iterations;
}

/**
 * Microseconds per encode + decode. K: avsc on the bare schema. B: the runtime's serde with a
 * warm registry cache: wire-format framing, schema-id lookup and resolution into the reader.
 */
export async function serde(spec: CellSpec): Promise<CellResult> {
  const runtime = benchRuntime(spec, {});
  const window = new MeasuredWindow(registryHost(spec));
  const results: Record<string, { micros: number; bytes: number }> = {};
  let bytes = 0;
  const cases = serdeCases(spec, runtime);
  // Registration and the first decode of each schema id are the cold path; warm them first.
  for (const entry of cases) {
    const location = { topic: 'bench', partition: 0, offset: '0' };
    await runtime.serde.decode(
      await runtime.serde.encode(entry.subject, entry.schema, entry.value),
      location,
    );
  }
  for (const entry of cases) {
    if (spec.client === 'K') {
      const type = Type.forSchema(entry.schema as never);
      const encoded = type.toBuffer(entry.value);
      window.start();
      const micros = await timed(() => type.fromBuffer(type.toBuffer(entry.value)));
      results[entry.recordName] = { micros, bytes: encoded.length };
    } else {
      const location = { topic: 'bench', partition: 0, offset: '0' };
      const encoded = await runtime.serde.encode(entry.subject, entry.schema, entry.value);
      window.start();
      const micros = await timed(() =>
        runtime.serde
          .encode(entry.subject, entry.schema, entry.value)
          .then((bytes) => runtime.serde.decode(bytes, location)),
      );
      results[entry.recordName] = { micros, bytes: encoded.length };
    }
    bytes += results[entry.recordName]?.bytes ?? 0;
  }
  await runtime.stop();
  return window.stop(cases.length * iterations, bytes / cases.length, { serdeMicros: results });
}
