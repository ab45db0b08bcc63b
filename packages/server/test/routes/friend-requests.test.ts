import { startRig, until, type Rig } from '../helpers';

// Friend requests over the control API, against a Bot logged in to the simulator.
describe('control API: friend requests', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  interface Item {
    id: string;
    nickName: string;
    greeting: string;
    scene: number;
    roomId: string;
  }
  const list = async (): Promise<Item[]> => ((await (await rig.api('/api/friend-requests')).json()) as { items: Item[] }).items;
  const arrive = async (from: string, room?: string): Promise<Item> => {
    rig.sim.friendRequest({ from, greeting: `hi from ${from}`, ...(room ? { room } : {}) });
    return until(async () => (await list()).find((r) => r.nickName === from), `the request from ${from}`);
  };
  const post = (id: string, verb: string) => rig.api(`/api/friend-requests/${encodeURIComponent(id)}/${verb}`, { method: 'POST' });
  const outcome = async (actionId: string) =>
    until(async () => {
      const r = (await (await rig.api(`/api/messages/${actionId}`)).json()) as { status: string; error?: { code?: string } };
      return r.status === 'queued' ? undefined : r;
    }, `action ${actionId}`);
  const incoming = (name: string): boolean => rig.sim.state().friendRequests.incoming.some((r) => r.nickName === name);

  it('lists pending requests with greeting, scene and group, never the ticket', async () => {
    const family = rig.sim.state().groups.find((g) => g.topic === 'Family');
    const item = await arrive('Yara', 'Family');
    expect(item).toEqual({ id: expect.stringMatching(/^@/), nickName: 'Yara', greeting: 'hi from Yara', scene: 14, roomId: family?.wxid });
    const ticket = rig.sim.state().friendRequests.incoming.find((r) => r.nickName === 'Yara')?.ticket ?? '';
    expect(ticket).toMatch(/^v2_/);
    expect(JSON.stringify(await list())).not.toContain(ticket);
  });

  it('reject goes through the outbox (202, then sent); the request is gone, and accepting it is 404', async () => {
    const item = (await list()).find((r) => r.nickName === 'Yara') as Item;
    const res = await post(item.id, 'reject');
    expect(res.status).toBe(202);
    const { actionId } = (await res.json()) as { actionId: string };
    expect(await outcome(actionId)).toMatchObject({ status: 'sent', kind: 'friend-reject', toName: 'Yara' });
    expect(incoming('Yara')).toBe(false);
    expect((await list()).some((r) => r.nickName === 'Yara')).toBe(false);
    const again = await post(item.id, 'accept');
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('WXBOT_API_NOT_FOUND');
  });

  it('ignore sends nothing and answers 200; accept makes a friend', async () => {
    const zoe = await arrive('Zoe');
    const ignored = await post(zoe.id, 'ignore');
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toMatchObject({ id: zoe.id, nickName: 'Zoe' });
    expect(incoming('Zoe')).toBe(true);
    expect((await list()).some((r) => r.nickName === 'Zoe')).toBe(false);

    const xena = await arrive('Xena');
    const accepted = await post(xena.id, 'accept');
    expect(accepted.status).toBe(202);
    expect(await outcome(((await accepted.json()) as { actionId: string }).actionId)).toMatchObject({ status: 'sent', kind: 'friend-accept' });
    expect(rig.sim.state().friends.some((f) => f.nickName === 'Xena')).toBe(true);
  });

  it('an unknown id is a coded 404', async () => {
    const res = await post('@nobody', 'reject');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('WXBOT_API_NOT_FOUND');
  });
});
