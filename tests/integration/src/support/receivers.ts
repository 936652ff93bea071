import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What a subscriber received on one channel, with what is needed to check its signature. */
export interface Received {
  readonly deliveryId: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: string;
  /** The W3C trace context the delivery carried, when it came over HTTP. */
  readonly traceparent?: string;
}

/** A real HTTP endpoint that takes webhook deliveries and answers 204. */
export async function webhookReceiver(): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({
        deliveryId: String(request.headers['x-fieldline-delivery']),
        timestamp: String(request.headers['x-fieldline-timestamp']),
        signature: String(request.headers['x-fieldline-signature']),
        body,
        traceparent: request.headers['traceparent'] as string | undefined,
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/fieldline`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What a Server-Sent-Events listener saw. */
export interface SseListener {
  /** Every `notification` event, its SSE id as the delivery id. */
  readonly received: Received[];
  /** The names of the other events, e.g. `replay-incomplete`. */
  readonly otherEvents: string[];
  /** The newest id the stream gave, as a browser keeps it for `Last-Event-ID`. */
  lastEventId(): string | undefined;
  close(): void;
}

/** Listens to a Server-Sent-Events stream, optionally resuming after `lastEventId`. */
export async function sseListener(
  url: string,
  options: { readonly lastEventId?: string } = {},
): Promise<SseListener> {
  const received: Received[] = [];
  const otherEvents: string[] = [];
  let lastEventId: string | undefined;
  const controller = new AbortController();
  const response = await fetch(url, {
    signal: controller.signal,
    headers: options.lastEventId === undefined ? {} : { 'last-event-id': options.lastEventId },
  });
  if (!response.ok || !response.body) throw new Error(`SSE ${url} answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(frame)?.[1];
        if (id !== undefined) lastEventId = id;
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event !== undefined && event !== 'notification') otherEvents.push(event);
        if (event !== 'notification' || !id || !data) continue;
        const message = JSON.parse(data) as { timestamp: string; signature: string; body: string };
        received.push({ deliveryId: id, ...message });
      }
    }
  })();
  return { received, otherEvents, lastEventId: () => lastEventId, close: () => controller.abort() };
}

/** A local SMTP server that accepts every message (the e-mail channel's test sink). */
export async function smtpSink(): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? '';
          received.push({
            deliveryId: String(mail.headers.get('x-fieldline-delivery')),
            timestamp: String(mail.headers.get('x-fieldline-timestamp')),
            signature: String(mail.headers.get('x-fieldline-signature')),
            body: text.trim().split('\n').at(-1) ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
