import { generateScenario, startSimulator, type Simulator } from '@wxbot/simulator';
import {
  batchGetContact,
  BATCH_GET_CONTACT_MAX,
  createWebwxHttp,
  fetchLoginTicket,
  getContactPage,
  HttpStatusError,
  LoginRefusedError,
  MalformedBodyError,
  NetworkError,
  pollLogin,
  requestLoginUuid,
  sendText,
  ServerRetError,
  syncCheck,
  webwxSync,
  type SyncResponse,
  type WireContact,
} from '@wxbot/protocol';
import { login, syncUntil, type LoggedIn } from './helpers/sim-login';

// The protocol client against the simulator over real HTTP on 127.0.0.1: every request goes
// through the WXBOT_ENDPOINT-style override with the real Host header and a real cookie jar.

/** The messages gathered until `want` holds for them. */
async function messagesUntil(s: LoggedIn, want: (all: SyncResponse['AddMsgList']) => boolean): Promise<SyncResponse['AddMsgList']> {
  return (await syncUntil(s, (got) => want(got.AddMsgList))).AddMsgList;
}

describe('protocol client against the simulator', () => {
  let sim: Simulator;
  let s: LoggedIn;

  beforeAll(async () => {
    sim = await startSimulator({ mainHost: 'wx2.qq.com', longPollMs: 300, loginPollMs: 300 });
    s = await login(sim);
  });
  afterAll(async () => {
    s?.http.close();
    await sim?.close();
  });

  it('polls 408 while waiting, 201 after the scan, then 200 with a redirect to the chosen MAIN host', async () => {
    const http = createWebwxHttp({ endpoint: sim.url });
    try {
      const uuid = await requestLoginUuid(http);
      expect((await pollLogin(http, uuid, { tip: 1 })).code).toBe(408);
      sim.scan();
      const scanned = await pollLogin(http, uuid);
      expect(scanned.code).toBe(201);
      expect(scanned.userAvatar).toMatch(/^data:img\/jpg;base64,/);
      sim.confirm();
      const confirmed = await pollLogin(http, uuid);
      expect(confirmed.code).toBe(200);
      expect(new URL(confirmed.redirectUri ?? '').host).toBe('wx2.qq.com');
    } finally {
      http.close();
    }
  });

  it('switches every host family after the redirect and carries the cookies there', () => {
    expect(s.ctx.hosts).toEqual({ main: 'wx2.qq.com', login: 'login.wx2.qq.com', file: 'file.wx2.qq.com', push: 'webpush.wx2.qq.com' });
    expect(s.http.cookie('https://webpush.wx2.qq.com/', 'wxuin')).toBe(String(s.ctx.credentials.uin));
    expect(s.http.cookie('https://file.wx2.qq.com/', 'webwx_data_ticket')).toBeTruthy();
  });

  it('receives the status-notify conversation list after statusnotify Code 3', async () => {
    const msgs = await messagesUntil(s, (all) => all.some((m) => m.MsgType === 51));
    const notify = msgs.find((m) => m.MsgType === 51);
    expect(notify?.StatusNotifyCode).toBe(4);
    expect(notify?.FromUserName).toBe(s.self);
  });

  it('receives one entry of each injected kind with the right wire fields', async () => {
    const ids = {
      text: sim.injectText({ from: 'Alice', text: 'a < b & c' }).msgId,
      group: sim.injectText({ from: 'Bob', room: 'Family', text: 'hi all' }).msgId,
      image: sim.inject({ kind: 'image', from: 'Alice' }).msgId,
      voice: sim.inject({ kind: 'voice', from: 'Alice', durationMs: 1500 }).msgId,
      video: sim.inject({ kind: 'video', from: 'Alice', seconds: 3 }).msgId,
      emoticon: sim.inject({ kind: 'emoticon', from: 'Alice' }).msgId,
      link: sim.inject({ kind: 'link', from: 'Alice', title: 'T', url: 'https://example.com' }).msgId,
      file: sim.inject({ kind: 'file', from: 'Alice', fileName: '报告.pdf', size: 1234 }).msgId,
      card: sim.inject({ kind: 'card', from: 'Alice', card: 'Carol' }).msgId,
      location: sim.inject({ kind: 'location', from: 'Alice', address: 'Somewhere' }).msgId,
      request: sim.inject({ kind: 'friend-request', nickName: 'Stranger', greeting: 'hello' }).msgId,
      system: sim.inject({ kind: 'system', room: 'Family', text: '"Alice"修改群名为“Home”' }).msgId,
    };
    const wanted = Object.values(ids);
    const msgs = await messagesUntil(s, (all) => wanted.every((id) => all.some((m) => m.MsgId === id)));
    const byId = new Map(msgs.map((m) => [m.MsgId, m]));
    expect(byId.get(ids.text)?.MsgType).toBe(1);
    expect(byId.get(ids.text)?.Content).toBe('a &lt; b &amp; c');
    expect(byId.get(ids.group)?.FromUserName.startsWith('@@')).toBe(true);
    expect(byId.get(ids.group)?.Content).toMatch(/^@[0-9a-f]+:<br\/>hi all$/);
    expect(byId.get(ids.image)?.MsgType).toBe(3);
    expect(byId.get(ids.voice)?.MsgType).toBe(34);
    expect(byId.get(ids.voice)?.VoiceLength).toBe(1500);
    expect(byId.get(ids.video)?.MsgType).toBe(43);
    expect(byId.get(ids.emoticon)?.MsgType).toBe(47);
    expect(byId.get(ids.link)?.MsgType).toBe(49);
    expect(byId.get(ids.link)?.AppMsgType).toBe(5);
    expect(byId.get(ids.file)?.AppMsgType).toBe(6);
    expect(byId.get(ids.file)?.FileName).toBe('报告.pdf');
    expect(byId.get(ids.card)?.MsgType).toBe(42);
    expect(byId.get(ids.location)?.SubMsgType).toBe(48);
    expect(byId.get(ids.request)?.MsgType).toBe(37);
    expect(byId.get(ids.request)?.FromUserName).toBe('fmessage');
    expect(byId.get(ids.system)?.MsgType).toBe(10000);
    for (const m of msgs) expect(typeof m.MsgId).toBe('string');
  });

  it('delivers a message once: the next sync with the new key does not repeat it', async () => {
    const id = sim.injectText({ from: 'Carol', text: 'once' }).msgId;
    const first = await messagesUntil(s, (all) => all.some((m) => m.MsgId === id));
    expect(first.filter((m) => m.MsgId === id)).toHaveLength(1);
    const again = await webwxSync(s.ctx, s.sync.syncKey);
    expect(again.AddMsgList.some((m) => m.MsgId === id)).toBe(false);
  });

  it('sends text, which the server records and echoes back with FromUserName = self', async () => {
    const alice = sim.state().friends.find((f) => f.nickName === 'Alice');
    expect(alice).toBeDefined();
    const sent = await sendText(s.ctx, { from: s.self, to: alice?.userName ?? '', content: 'héllo 👋\nline 2' });
    expect(sent.msgId).toMatch(/^\d+$/);
    expect(sim.sent().at(-1)).toMatchObject({ content: 'héllo 👋\nline 2', to: 'Alice' });
    const echo = await messagesUntil(s, (all) => all.some((m) => m.MsgId === sent.msgId));
    expect(echo.find((m) => m.MsgId === sent.msgId)?.FromUserName).toBe(s.self);
  });
});

describe('paged contacts at scale', () => {
  it('loads 5,000 contacts and 100 groups page by page, then members 50 at a time', async () => {
    const sim = await startSimulator({ scenario: generateScenario({ friends: 5000, groups: 100, membersPerGroup: 30, seed: 7 }), longPollMs: 300, loginPollMs: 300, contactPageSize: 800 });
    const s = await login(sim);
    try {
      const contacts: WireContact[] = [];
      let seq = 0;
      let pages = 0;
      do {
        const page = await getContactPage(s.ctx, seq);
        contacts.push(...page.MemberList);
        seq = page.Seq;
        pages++;
      } while (seq !== 0 && pages < 50);
      expect(pages).toBeGreaterThan(5);
      const groups = contacts.filter((c) => c.UserName.startsWith('@@'));
      const people = contacts.filter((c) => !c.UserName.startsWith('@@'));
      expect(people.length).toBeGreaterThanOrEqual(5000);
      expect(new Set(contacts.map((c) => c.UserName)).size).toBe(contacts.length);

      const saved = groups.map((g) => g.UserName);
      const allGroups = [...new Set([...saved, ...sim.state().groups.map((g) => g.userName)])];
      expect(allGroups.length).toBe(100);
      let withMembers = 0;
      for (let i = 0; i < allGroups.length; i += BATCH_GET_CONTACT_MAX) {
        const res = await batchGetContact(s.ctx, allGroups.slice(i, i + BATCH_GET_CONTACT_MAX).map((UserName) => ({ UserName })));
        withMembers += res.ContactList.filter((g) => g.MemberList.length > 0).length;
      }
      expect(withMembers).toBe(100);
      await expect(batchGetContact(s.ctx, allGroups.slice(0, 51).map((UserName) => ({ UserName })))).rejects.toThrow(/1 to 50 items/);
    } finally {
      s.http.close();
      await sim.close();
    }
  });
});

describe('fault classes surface as typed errors', () => {
  let sim: Simulator;
  let s: LoggedIn;
  let alice: string;

  beforeAll(async () => {
    sim = await startSimulator({ longPollMs: 200, loginPollMs: 200 });
    s = await login(sim);
    alice = sim.state().friends.find((f) => f.nickName === 'Alice')?.userName ?? '';
  });
  afterEach(() => sim.faults.clear());
  afterAll(async () => {
    s?.http.close();
    await sim?.close();
  });

  const send = () => sendText(s.ctx, { from: s.self, to: alice, content: 'x' });

  it('connection reset mid-poll -> NetworkError', async () => {
    sim.faults.add({ kind: 'synccheck', type: 'reset', ms: 50 });
    await expect(syncCheck(s.ctx, s.sync.syncCheckKey)).rejects.toBeInstanceOf(NetworkError);
  });

  it('HTTP 5xx -> HttpStatusError with the status', async () => {
    sim.faults.add({ kind: 'sync', type: 'http', status: 502 });
    const err = await webwxSync(s.ctx, s.sync.syncKey).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as HttpStatusError).status).toBe(502);
  });

  it('garbage body -> MalformedBodyError naming the endpoint', async () => {
    sim.faults.add({ kind: 'synccheck', type: 'garbage' });
    const err = await syncCheck(s.ctx, s.sync.syncCheckKey).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedBodyError);
    expect((err as MalformedBodyError).endpoint).toBe('synccheck');
  });

  it('truncated JSON -> MalformedBodyError', async () => {
    sim.faults.add({ kind: 'sync', type: 'truncate' });
    await expect(webwxSync(s.ctx, s.sync.syncKey)).rejects.toBeInstanceOf(MalformedBodyError);
  });

  it('delay beyond the client timeout -> NetworkError timedOut', async () => {
    sim.faults.add({ kind: 'synccheck', type: 'delay', ms: 2000 });
    const err = await syncCheck(s.ctx, s.sync.syncCheckKey, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).timedOut).toBe(true);
  });

  it('Ret 1205 on send -> rate-limited ServerRetError', async () => {
    sim.faults.add({ kind: 'sendmsg', type: 'ret', ret: 1205 });
    const err = await send().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerRetError);
    expect((err as ServerRetError).rateLimited).toBe(true);
  });

  it('ticket ret 1203 -> LoginRefusedError quoting the server', async () => {
    sim.faults.add({ kind: 'newloginpage', type: 'ticket-ret', ret: 1203 });
    const http = createWebwxHttp({ endpoint: sim.url });
    try {
      const uuid = await requestLoginUuid(http);
      sim.confirm();
      let poll = await pollLogin(http, uuid);
      while (poll.code !== 200) poll = await pollLogin(http, uuid);
      const err = await fetchLoginTicket(http, poll.redirectUri ?? '').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LoginRefusedError);
      expect((err as LoginRefusedError).ret).toBe(1203);
      expect((err as LoginRefusedError).serverMessage.length).toBeGreaterThan(5);
    } finally {
      http.close();
    }
  });

  it.each([1100, 1101, 1102] as const)('forced logout %i -> session-ended ServerRetError on synccheck and JSON APIs', async (code) => {
    const own = await login(sim);
    try {
      sim.forceLogout(code);
      const err = await syncCheck(own.ctx, own.sync.syncCheckKey).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServerRetError);
      expect((err as ServerRetError).ret).toBe(code);
      expect((err as ServerRetError).sessionEnded).toBe(true);
      const syncErr = await webwxSync(own.ctx, own.sync.syncKey).catch((e: unknown) => e);
      expect((syncErr as ServerRetError).sessionEnded).toBe(true);
    } finally {
      own.http.close();
    }
  });
});
