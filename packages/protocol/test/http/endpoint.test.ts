import http from 'node:http';
import { parseEndpoint } from '@wxbot/protocol';
import { EndpointAgent } from '../../src/http/endpoint';
import { listen } from '../helpers/local-server';

describe('WXBOT_ENDPOINT', () => {
  it('parses http://HOST:PORT, IPv6 in brackets and the default port', () => {
    expect(parseEndpoint('http://127.0.0.1:8080')).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(parseEndpoint('http://[::1]:9000/')).toEqual({ host: '::1', port: 9000 });
    expect(parseEndpoint('http://sim.local')).toEqual({ host: 'sim.local', port: 80 });
  });

  it('refuses anything else with the form it expects', () => {
    expect(() => parseEndpoint('ftp://127.0.0.1:8080')).toThrow('WXBOT_ENDPOINT must be a plain http://HOST:PORT address, got "ftp://127.0.0.1:8080"');
    expect(() => parseEndpoint('https://127.0.0.1:8080')).toThrow(/must be a plain http:\/\/HOST:PORT address/);
    expect(() => parseEndpoint('not a url')).toThrow('WXBOT_ENDPOINT must look like http://127.0.0.1:8080, got "not a url"');
  });

  it('EndpointAgent carries an https:// request, Host and all, to the plain local target', async () => {
    const server = http.createServer((req, res) => res.end(`${req.headers.host} ${req.url}`));
    const port = Number(new URL(await listen(server)).port);
    const agent = new EndpointAgent({ target: { host: '127.0.0.1', port }, protocol: 'https:', keepAlive: true });
    try {
      // Node checks the URL's protocol against the agent's: https: here, though the bytes are plain.
      const body = await new Promise<string>((resolve, reject) => {
        http
          .request({ protocol: 'https:', host: 'wx2.qq.com', path: '/cgi-bin/mmwebwx-bin/webwxinit?r=1', agent }, (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
          })
          .on('error', reject)
          .end();
      });
      expect(body).toBe('wx2.qq.com /cgi-bin/mmwebwx-bin/webwxinit?r=1');
    } finally {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
