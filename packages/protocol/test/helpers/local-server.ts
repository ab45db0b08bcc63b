import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebwxHttp } from '@wxbot/protocol';

// A raw local server stands in for "any server" in the transport tests: they are about the
// transport (override, cookies, error mapping), not about webwx semantics.

/** Listen on a free local port; the override endpoint that reaches it. */
export async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function shutdown(server: http.Server, client?: WebwxHttp): Promise<void> {
  client?.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}
