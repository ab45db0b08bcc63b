import { startRig, type Rig } from '../helpers';

// Group members, avatars and announcements over the control API, against the simulator (demo scenario).
describe('control API: members, avatars, announcements', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  const roomId = (topic: string): string => rig.bot.contacts.findGroups(topic)[0]?.id ?? '';
  const code = async (res: Response): Promise<string> => ((await res.json()) as { error: { code: string } }).error.code;

  it("lists a group's members with their aliases, finds one by alias or remark, and gives the bot's own alias", async () => {
    const all = (await (await rig.api(`/api/rooms/${roomId('Dev Team')}/members`)).json()) as { selfDisplayName: string; items: Array<{ nickName: string; displayName: string; isFriend: boolean }> };
    expect(all.selfDisplayName).toBe('Bot');
    expect(all.items).toContainEqual(expect.objectContaining({ nickName: 'Carol', displayName: 'Carol (QA)', isFriend: true }));
    expect(all.items).toContainEqual(expect.objectContaining({ nickName: 'Mallory', isFriend: false }));
    for (const q of ['Dad', 'Bobby']) {
      const found = (await (await rig.api(`/api/rooms/${roomId('Family')}/members?q=${q}`)).json()) as { selfDisplayName: string; items: Array<{ nickName: string }> };
      expect({ q, names: found.items.map((m) => m.nickName), self: found.selfDisplayName }).toEqual({ q, names: ['Bob'], self: '' });
    }
    const unknown = await rig.api('/api/rooms/@@nope/members');
    expect(unknown.status).toBe(404);
    expect(await code(unknown)).toBe('WXBOT_API_UNKNOWN_CHAT');
  });

  it('serves avatars of contacts, groups and members who are not contacts; refusals are coded', async () => {
    const alice = rig.bot.contacts.findContacts('Alice')[0]?.id ?? '';
    const mallory = rig.bot.contacts.findMembers(roomId('Dev Team'), 'Mallory')[0]?.id ?? '';
    for (const path of [`/api/contacts/${alice}/avatar`, `/api/rooms/${roomId('Family')}/avatar?big=true`, `/api/contacts/${mallory}/avatar`, `/api/contacts/${mallory}/avatar?room=${roomId('Dev Team')}`]) {
      const res = await rig.api(path);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 200, type: 'image/jpeg' });
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString('hex')).toBe('ffd8');
    }
    const wrongRoom = await rig.api(`/api/contacts/${mallory}/avatar?room=${roomId('Family')}`);
    expect({ status: wrongRoom.status, code: await code(wrongRoom) }).toEqual({ status: 400, code: 'WXBOT_API_BAD_REQUEST' });
    const unknown = await rig.api('/api/contacts/@nobody/avatar');
    expect({ status: unknown.status, code: await code(unknown) }).toEqual({ status: 404, code: 'WXBOT_API_UNKNOWN_CHAT' });
  });

  it('announcements are 501 WXBOT_API_NOT_ON_WEB, reading and setting', async () => {
    const read = await rig.api(`/api/rooms/${roomId('Family')}/announcement`);
    expect({ status: read.status, code: await code(read) }).toEqual({ status: 501, code: 'WXBOT_API_NOT_ON_WEB' });
    const set = await rig.api(`/api/rooms/${roomId('Family')}/announcement`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'dinner at 7' }) });
    expect({ status: set.status, code: await code(set) }).toEqual({ status: 501, code: 'WXBOT_API_NOT_ON_WEB' });
  });
});
