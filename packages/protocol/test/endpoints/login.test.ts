import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { createWebwxHttp, DESKTOP_EXTSPAM, fetchLoginTicket, pollLogin, requestLoginUuid, type WebwxHttp } from '@wxbot/protocol';

// The desktop (UOS) login's ticket request (protocol.md 12.3): what it carries, and that the
// simulator, which refuses a desktop login without the desktop client's headers (ret 1203)
// as the real server does, lets it in.

async function redirectUri(sim: Simulator, client: WebwxHttp): Promise<string> {
  const uuid = await requestLoginUuid(client, { mode: 'desktop' });
  sim.confirm();
  let poll = await pollLogin(client, uuid);
  while (poll.code !== 200) poll = await pollLogin(client, uuid);
  return poll.redirectUri ?? '';
}

describe('fetchLoginTicket in desktop (UOS) mode', () => {
  it('logs in to a server that insists on the desktop headers, with the built-in extspam', async () => {
    const sim = await startSimulator({ loginPollMs: 200, longPollMs: 200 });
    const client = createWebwxHttp({ endpoint: sim.url });
    try {
      const uri = await redirectUri(sim, client);
      const { ticket } = await fetchLoginTicket(client, uri, { mode: 'desktop' });
      expect(ticket.skey).toMatch(/^@crypt_/);
      expect(ticket.sid).toBeTruthy();
      // The cookies came with the 301 and are in the jar for the main host.
      expect(client.cookie(`${new URL(uri).origin}/`, 'wxsid')).toBe(ticket.sid);
    } finally {
      client.close();
      await sim.close();
    }
  });

  describe('on the wire', () => {
    let server: http.Server;
    let endpoint: string;
    const seen: http.IncomingHttpHeaders[] = [];

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        seen.push(req.headers);
        res.writeHead(301, { 'Content-Type': 'text/plain' });
        res.end('<error><ret>0</ret><message></message><skey>@crypt_k</skey><wxsid>sid</wxsid><wxuin>1</wxuin><pass_ticket>pt</pass_ticket><isgrayscale>1</isgrayscale></error>');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    const uri = 'https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=t&uuid=u&lang=zh_CN&scan=1';

    it('sends client-version 2.0.0 and the well-known extspam by default, login.extspam when given; web mode sends neither', async () => {
      const client = createWebwxHttp({ endpoint });
      try {
        await fetchLoginTicket(client, uri, { mode: 'desktop' });
        expect(seen.at(-1)).toMatchObject({ 'client-version': '2.0.0', extspam: DESKTOP_EXTSPAM, referer: 'https://wx.qq.com/?&lang=zh_CN&target=t' });
        expect(DESKTOP_EXTSPAM).toMatch(/^Go8FCIkFEokFCggwMDAwMDAwMRAG[A-Za-z0-9+/]+=*$/);
        await fetchLoginTicket(client, uri, { mode: 'desktop', extspam: 'my-own-extspam' });
        expect(seen.at(-1)?.['extspam']).toBe('my-own-extspam');
        await fetchLoginTicket(client, uri, { mode: 'web' }).catch(() => undefined);
        expect(seen.at(-1)?.['extspam']).toBeUndefined();
        expect(seen.at(-1)?.['client-version']).toBeUndefined();
      } finally {
        client.close();
      }
    });
  });
});
