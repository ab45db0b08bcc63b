import { newBot, removeHome, tempHome, until, withSim } from './harness';

// A new login (after the server ended the session) changes every UserName: the contact store is
// rebuilt, so lookups by name return only ids the server knows now.
describe('after a re-login', () => {
  it('findContacts and findGroups return only the new session\'s ids', () =>
    withSim(async (sim) => {
      const home = tempHome();
      const bot = newBot(sim, home, []);
      const logins: string[] = [];
      bot.on('login', ({ method }) => logins.push(method));
      try {
        await bot.start();
        const firstAlice = bot.contacts.findContacts('Alice').map((c) => c.id);
        const firstFamily = bot.contacts.findGroups('Family').map((g) => g.id);
        expect(firstAlice).toHaveLength(1);
        sim.forceLogout(1101);
        await until(() => logins.length === 2 && bot.state === 'running', 'the re-login', 15_000);

        const state = sim.state();
        const liveAlice = state.friends.find((f) => f.nickName === 'Alice')?.userName;
        const liveFamily = state.groups.find((g) => g.topic === 'Family')?.userName;
        expect(liveAlice).toBeDefined();
        expect(liveAlice).not.toBe(firstAlice[0]);
        expect(bot.contacts.findContacts('Alice').map((c) => c.id)).toEqual([liveAlice]);
        expect(bot.contacts.findGroups('Family').map((g) => g.id)).toEqual([liveFamily]);
        expect(bot.contacts.contact(firstAlice[0] as string)).toBeUndefined();
        if (firstFamily[0]) expect(bot.contacts.group(firstFamily[0])).toBeUndefined();
        expect(bot.contacts.self.id).toBe(state.session?.userName);
      } finally {
        await bot.stop();
        removeHome(home);
      }
    }));
});
