import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createWebwxHttp } from '@wxbot/protocol';
import { startSimulator, type Simulator } from '@wxbot/simulator';
import { ContactStore } from '../../src/contacts/contact-store';
import type { ContactProgress } from '../../src/contacts/types';
import { fetchByUserName, loadAllContacts } from '../../src/session/contact-loader';
import { login, type LoggedIn } from '../../../protocol/test/helpers/sim-login';
import { captureLogger } from '../fixtures/bot';

const log = pino({ level: 'silent' });
let sim: Simulator;
let s: LoggedIn;
afterEach(async () => {
  s.http.close();
  await sim.close();
});

async function start(contactPageSize: number) {
  sim = await startSimulator({ longPollMs: 300, contactPageSize });
  s = await login(sim);
}

describe('loadAllContacts', () => {
  it('pages through webwxgetcontact into the store, reporting the running count', async () => {
    await start(3);
    const store = new ContactStore();
    const progress: ContactProgress[] = [];
    const total = await loadAllContacts(s.ctx, store, log, (p) => progress.push(p));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ phase: 'contacts', done: total });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(store.findContacts('Alice')).toHaveLength(1);
    expect(store.findGroups('Family')).toHaveLength(1);

    // One page holding everything gives the same address book.
    const whole = new ContactStore();
    await sim.close();
    s.http.close();
    await start(800);
    const progressWhole: ContactProgress[] = [];
    expect(await loadAllContacts(s.ctx, whole, log, (p) => progressWhole.push(p))).toBe(total);
    expect(progressWhole).toHaveLength(1);
    expect(whole.friends().map((c) => c.name).sort()).toEqual(store.friends().map((c) => c.name).sort());
  });

  it('stops with a warning when a server repeats a Seq (a hostile server; the simulator never does)', async () => {
    await start(800);
    let calls = 0;
    const hostile = createServer((_req, res) => {
      calls++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ BaseResponse: { Ret: 0, ErrMsg: '' }, MemberCount: 1, MemberList: [{ UserName: `@c${calls}`, NickName: `C${calls}` }], Seq: 7 }));
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    const http = createWebwxHttp({ endpoint: `http://127.0.0.1:${(hostile.address() as AddressInfo).port}` });
    try {
      const { logger, lines } = captureLogger();
      const total = await loadAllContacts({ ...s.ctx, http }, new ContactStore(), logger, () => undefined);
      // Seq 7, then 7 again: the second page is kept, then paging stops.
      expect(calls).toBe(2);
      expect(total).toBe(2);
      expect(lines.some((l) => l.seq === 7 && String(l.msg).includes('returned a Seq it returned before'))).toBe(true);
    } finally {
      http.close();
      await new Promise((resolve) => hostile.close(resolve));
    }
  });
});

describe('fetchByUserName', () => {
  it('fetches groups with their members into the store, reporting progress', async () => {
    await start(800);
    const store = new ContactStore();
    await loadAllContacts(s.ctx, store, log, () => undefined);
    const family = store.findGroups('Family')[0]!;
    const progress: ContactProgress[] = [];
    // Dev Team is not saved: webwxgetcontact does not list it, only a fetch by UserName finds it.
    const devTeam = sim.state().groups.find((g) => g.topic === 'Dev Team')!;
    expect(store.group(devTeam.userName)).toBeUndefined();
    await fetchByUserName(s.ctx, store, [family.id, devTeam.userName], (p) => progress.push(p));
    expect(store.group(devTeam.userName)?.members.map((m) => m.nickName)).toEqual(expect.arrayContaining(['Mallory', 'Trent']));
    expect(store.group(family.id)?.members.map((m) => m.nickName).sort()).toEqual(expect.arrayContaining(['Alice', 'Bob', 'Carol']));
    expect(progress).toEqual([{ phase: 'members', done: 2, total: 2 }]);
  });

  it('nothing to fetch is no request', async () => {
    await start(800);
    const progress: ContactProgress[] = [];
    await fetchByUserName(s.ctx, new ContactStore(), [], (p) => progress.push(p));
    expect(progress).toEqual([]);
  });
});
