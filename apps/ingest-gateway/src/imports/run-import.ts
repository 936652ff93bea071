import type { Readable } from 'node:stream';
import { parseObservation, type Observation } from '@fieldline/domain-observations';
import { isPartial, type ObservationSink } from '../observations/observation-sink';
import type { ImportJob } from './import-job';
import { csvRecords, ndjsonRecords } from './line-records';

/**
 * Streams a file through validation into Kafka in chunks, never holding more than one chunk:
 * the upload is read only as fast as Kafka acknowledges. Bad lines are reported and skipped;
 * if a send fails the import stops and says exactly which lines to send again.
 */
export async function runImport(
  body: Readable,
  job: ImportJob,
  sink: ObservationSink,
  options: { readonly chunkSize: number; readonly correlationId: string },
): Promise<void> {
  body.on('data', (chunk: Buffer) => (job.bytes += chunk.length));
  const records = job.format === 'csv' ? csvRecords(body) : ndjsonRecords(body);
  let chunk: { line: number; observation: Observation }[] = [];

  const send = async (): Promise<boolean> => {
    const sending = chunk;
    chunk = [];
    if (sending.length === 0) return true;
    const result = await sink.accept(
      sending.map((entry) => entry.observation),
      { correlationId: options.correlationId },
    );
    if (!isPartial(result)) {
      job.accepted += sending.length;
      return true;
    }
    job.accepted += sending.length - result.failures.length;
    const reason = result.failures[0]?.error;
    job.finish({
      reason: reason instanceof Error ? reason.message : String(reason),
      failedLines: result.failures.map((failure) => sending[failure.index]!.line),
      unreadFromLine: null,
    });
    return false;
  };

  for await (const record of records) {
    job.lines = record.line;
    if ('error' in record) {
      job.reject(record.line, [{ field: '(line)', reason: record.error }]);
      continue;
    }
    const parsed = parseObservation(record.input, { now: Date.now() });
    if (!parsed.ok) {
      job.reject(record.line, parsed.problems);
      continue;
    }
    chunk.push({ line: record.line, observation: parsed.value });
    if (chunk.length >= options.chunkSize && !(await send())) {
      job.failure = { ...job.failure!, unreadFromLine: record.line + 1 };
      // The rest of the upload is read and discarded, so the client still gets the report.
      body.unpipe();
      body.resume();
      return;
    }
  }
  if (await send()) job.finish();
}
