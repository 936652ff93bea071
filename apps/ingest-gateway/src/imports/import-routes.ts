import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { HttpProblem } from '@fieldline/platform-http';
import type { ObservationSink } from '../observations/observation-sink';
import { correlationIdOf } from '../observations/request-origin';
import { ImportJobs, type ImportJob } from './import-job';
import { runImport } from './run-import';

const importIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `POST /v1/imports`: a CSV (`text/csv`) or NDJSON (`application/x-ndjson`) file of any size,
 * streamed. Answers when every good line is acknowledged by Kafka, with the report of rejected
 * lines. `GET /v1/imports/:id` shows a running import's progress; pick the id with the
 * `X-Import-Id` header to watch your own.
 */
export function importRoutes(
  sink: ObservationSink,
  options: { readonly chunkSize: number },
): Router {
  const router = Router();
  const jobs = new ImportJobs();

  router.post('/v1/imports', async (request, response) => {
    const format = formatOf(request);
    const id = request.get('x-import-id') ?? randomUUID();
    if (!importIdPattern.test(id)) {
      throw new HttpProblem(
        400,
        'Invalid header',
        'X-Import-Id must be 1 to 64 letters, digits or ". _ -"',
      );
    }
    const job = jobs.start(id, format);
    if (!job)
      throw new HttpProblem(
        409,
        'Import running',
        `Import ${id} is still running; pick another X-Import-Id`,
      );
    try {
      await runImport(request, job, sink, {
        chunkSize: options.chunkSize,
        correlationId: correlationIdOf(request),
      });
    } catch (error) {
      // A file refused before anything was accepted (its header) is an ordinary problem.
      if (error instanceof HttpProblem && job.accepted === 0) {
        job.finish({ reason: error.detail, failedLines: [], unreadFromLine: 1 });
        throw error;
      }
      job.finish({
        reason: error instanceof Error ? error.message : String(error),
        failedLines: [],
        unreadFromLine: job.lines + 1,
      });
      request.resume();
    }
    response
      .status(job.state === 'done' ? 200 : 503)
      .set(job.state === 'done' ? {} : { 'Retry-After': '5' })
      .location(`/v1/imports/${id}`)
      .json(job.report());
  });

  router.get('/v1/imports', (_request, response) => {
    response.json({ imports: jobs.all().map((job) => job.report()) });
  });

  router.get('/v1/imports/:id', (request, response) => {
    const job = jobs.get(request.params['id']!);
    if (!job)
      throw new HttpProblem(
        404,
        'Unknown import',
        `No import ${request.params['id']} on this instance`,
      );
    response.json(job.report());
  });
  return router;
}

function formatOf(request: Request): ImportJob['format'] {
  const format = request.query['format'];
  if (format === 'csv' || request.is('text/csv')) return 'csv';
  if (format === 'ndjson' || request.is('application/x-ndjson') || request.is('application/jsonl'))
    return 'ndjson';
  throw new HttpProblem(
    415,
    'Unsupported media type',
    `Send a CSV file as text/csv or NDJSON as application/x-ndjson, not ${request.get('content-type') ?? 'without a Content-Type'}`,
  );
}
