import { generateScenario, startSimulator, type Simulator } from '@wxbot/simulator';
import { BATCH_GET_CONTACT_MAX, batchGetContact, getContactPage, ProtocolError, type WireContact } from '@wxbot/protocol';
import { login, type LoggedIn } from '../helpers/sim-login';

describe('webwxgetcontact and webwxbatchgetcontact against the simulator', () => {
  let sim: Simulator;
  let s: LoggedIn;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: generateScenario({ friends: 30, groups: 3, membersPerGroup: 5, seed: 11 }), loginPollMs: 100, longPollMs: 200, contactPageSize: 10 });
    s = await login(sim);
  });
  afterAll(async () => {
    s.http.close();
    await sim.close();
  });

  it('pages the contact list by Seq until Seq is 0, with every friend once', async () => {
    const all: WireContact[] = [];
    let seq = 0;
    let pages = 0;
    do {
      const page = await getContactPage(s.ctx, seq);
      all.push(...page.MemberList);
      seq = page.Seq;
      pages++;
    } while (seq !== 0 && pages < 20);
    expect(seq).toBe(0);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(all.map((c) => c.UserName)).size).toBe(all.length);
    const names = new Set(all.map((c) => c.UserName));
    for (const f of sim.state().friends) expect(names.has(f.userName)).toBe(true);
  });

  it('fetches groups with their members, and refuses an empty or oversized batch before any request', async () => {
    const groups = sim.state().groups.map((g) => g.userName);
    const res = await batchGetContact(s.ctx, groups.map((UserName) => ({ UserName })));
    expect(res.ContactList.map((c) => c.UserName).sort()).toEqual([...groups].sort());
    for (const g of res.ContactList) expect(g.MemberList.length).toBeGreaterThan(0);
    for (const n of [0, BATCH_GET_CONTACT_MAX + 1]) {
      const err = await batchGetContact(s.ctx, Array.from({ length: n }, () => ({ UserName: '@x' }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProtocolError);
      expect((err as ProtocolError).code).toBe('WEBWX_BAD_ARGUMENT');
      expect((err as Error).message).toBe(`needs 1 to 50 items per call, got ${n}; split the list`);
    }
  });
});
