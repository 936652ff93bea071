import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP pass-through in front of the real registry that counts requests and can be cut,
 * so a test can see what a client asks the registry and how it behaves when it is gone.
 */
export interface RegistryProxy {
  readonly url: string;
  /** Request paths seen so far, in order. */
  readonly requests: readonly string[];
  /** Closes the listening socket: later calls get connection refused, like a registry that is down. */
  cut(): Promise<void>;
}

export async function startRegistryProxy(
  registryUrl: string,
  options: {
    /** Answer 401, as a secured registry does, to requests without these basic credentials. */
    readonly basicAuth?: { readonly username: string; readonly password: string };
  } = {},
): Promise<RegistryProxy> {
  const target = new URL(registryUrl);
  const requests: string[] = [];
  const expected = options.basicAuth
    ? `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`
    : undefined;
  const server: Server = createServer((incoming, outgoing) => {
    const path = `${target.pathname.replace(/\/$/, '')}${incoming.url ?? ''}`;
    requests.push(`${incoming.method} ${incoming.url}`);
    if (expected && incoming.headers.authorization !== expected) {
      outgoing.writeHead(401, { 'Content-Type': 'application/json' });
      outgoing.end(JSON.stringify({ error_code: 401, message: 'Unauthorized' }));
      return;
    }
    const forwarded = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cut: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
