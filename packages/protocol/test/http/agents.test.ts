import http from 'node:http';
import https from 'node:https';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { TransportAgents } from '../../src/http/agents';
import { EndpointAgent } from '../../src/http/endpoint';
import { ProxyChoice } from '../../src/http/proxy';

const WX = new URL('https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxinit');
const PLAIN = new URL('http://example.org/');

describe('transport agents', () => {
  it('direct: one keep-alive agent per protocol, 16 sockets per host, idle sockets dropped after 30 s', () => {
    const agents = new TransportAgents(undefined, new ProxyChoice(false, {}), undefined);
    try {
      const a = agents.agentFor(WX);
      expect(a).toBeInstanceOf(https.Agent);
      expect(agents.agentFor(new URL('https://file.wx.qq.com/x'))).toBe(a);
      expect(a.maxSockets).toBe(16);
      expect((a as unknown as { keepAlive: boolean }).keepAlive).toBe(true);
      expect((a as unknown as { options: { timeout: number } }).options.timeout).toBe(30_000);
      const p = agents.agentFor(PLAIN);
      expect(p).not.toBeInstanceOf(https.Agent);
      expect(p).toBeInstanceOf(http.Agent);
    } finally {
      agents.destroy();
    }
  });

  it('with WXBOT_ENDPOINT every request goes through an EndpointAgent, proxies or not', () => {
    const agents = new TransportAgents({ host: '127.0.0.1', port: 1 }, new ProxyChoice('http://proxy.local:3128', {}), undefined);
    try {
      expect(agents.agentFor(WX)).toBeInstanceOf(EndpointAgent);
      expect(agents.agentFor(PLAIN)).toBeInstanceOf(EndpointAgent);
      expect(agents.agentFor(PLAIN)).not.toBe(agents.agentFor(WX));
    } finally {
      agents.destroy();
    }
  });

  it('through a proxy: a tunnelling agent for https, a forwarding one for http, one per proxy, keeping the pool limits and the CA', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n';
    const agents = new TransportAgents(undefined, new ProxyChoice('http://proxy.local:3128', {}), undefined);
    try {
      const tunnel = agents.agentFor(WX);
      expect(tunnel).toBeInstanceOf(HttpsProxyAgent);
      expect(agents.agentFor(new URL('https://webpush.wx.qq.com/'))).toBe(tunnel);
      expect(tunnel.maxSockets).toBe(16);
      expect((tunnel as unknown as { options: { timeout: number } }).options.timeout).toBe(30_000);
      expect(agents.agentFor(PLAIN)).toBeInstanceOf(HttpProxyAgent);
    } finally {
      agents.destroy();
    }
    // A trusted CA reaches the direct TLS agent and the tunnelled connections alike.
    const withCa = new TransportAgents(undefined, new ProxyChoice('http://proxy.local:3128', {}), ca);
    const direct = new TransportAgents(undefined, new ProxyChoice(false, {}), ca);
    try {
      expect((withCa.agentFor(WX) as unknown as { options: { secureContext?: unknown } }).options.secureContext).toBeDefined();
      expect((direct.agentFor(WX) as unknown as { options: { secureContext?: unknown } }).options.secureContext).toBeDefined();
    } finally {
      withCa.destroy();
      direct.destroy();
    }
  });

  it('follows the environment: NO_PROXY hosts go direct', () => {
    // proxy-from-env reads process.env itself.
    const saved = { HTTPS_PROXY: process.env['HTTPS_PROXY'], NO_PROXY: process.env['NO_PROXY'] };
    Object.assign(process.env, { HTTPS_PROXY: 'http://proxy.local:3128', NO_PROXY: 'file.wx.qq.com' });
    const agents = new TransportAgents(undefined, new ProxyChoice(undefined), undefined);
    try {
      expect(agents.agentFor(WX)).toBeInstanceOf(HttpsProxyAgent);
      expect(agents.agentFor(new URL('https://file.wx.qq.com/x'))).not.toBeInstanceOf(HttpsProxyAgent);
    } finally {
      agents.destroy();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('destroy() forgets the agents: the next request gets fresh ones', () => {
    const agents = new TransportAgents(undefined, new ProxyChoice(false, {}), undefined);
    const before = agents.agentFor(WX);
    agents.destroy();
    const after = agents.agentFor(WX);
    expect(after).not.toBe(before);
    agents.destroy();
  });
});
