import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import { decodeTraceExport, InvalidExport } from './otlp-json';
import { SpanStore } from './span-store';
import { traceListPage, tracePage } from './trace-pages';
import { renderWaterfall } from './waterfall';

export interface TraceReceiver {
  /** Where to point OTEL_EXPORTER_OTLP_ENDPOINT, and where the trace view is. */
  readonly url: string;
  readonly store: SpanStore;
  stop(): Promise<void>;
}

/**
 * An OTLP/HTTP trace receiver (JSON encoding: set OTEL_EXPORTER_OTLP_PROTOCOL=http/json) that
 * keeps recent spans in memory and shows each trace as a waterfall, for a developer's machine.
 */
export async function startTraceReceiver(
  options: { readonly port?: number; readonly host?: string; readonly maxSpans?: number } = {},
): Promise<TraceReceiver> {
  const store = new SpanStore(options.maxSpans);
  const app = express();
  app.post(
    '/v1/traces',
    express.json({ limit: '64mb' }),
    (request: Request, response: Response) => {
      if (!request.is('application/json')) {
        response.status(415).json({
          message:
            'This receiver takes OTLP/HTTP in its JSON encoding: set OTEL_EXPORTER_OTLP_PROTOCOL=http/json',
        });
        return;
      }
      try {
        store.add(decodeTraceExport(request.body));
        response.json({});
      } catch (error) {
        if (!(error instanceof InvalidExport)) throw error;
        response.status(400).json({ message: error.message });
      }
    },
  );
  app.get('/api/traces', (_request, response) => void response.json(store.summaries(200)));
  app.get('/api/traces/:traceId', (request, response) => {
    const spans = store.trace(String(request.params['traceId']));
    if (spans.length === 0) response.status(404).json({ message: 'no such trace (yet)' });
    else response.json(spans);
  });
  app.get('/traces/:traceId.txt', (request, response) => {
    response
      .type('text/plain')
      .send(renderWaterfall(store.trace(String(request.params['traceId']))));
  });
  app.get('/traces/:traceId', (request, response) => {
    response.type('html').send(tracePage(store.trace(String(request.params['traceId']))));
  });
  app.get(
    '/',
    (_request, response) => void response.type('html').send(traceListPage(store.summaries(200))),
  );

  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    store,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
