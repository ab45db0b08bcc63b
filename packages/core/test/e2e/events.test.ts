import type { RoomTopicEvent } from '@wxbot/core';
import { newBot, recorder, removeHome, tempHome, until, withSim } from './harness';

describe('change events from the sync stream', () => {
  let home: string;
  beforeEach(() => (home = tempHome()));
  afterEach(() => removeHome(home));

  it('fires room-topic exactly once per rename, with who renamed it, and keeps the store current', async () => {
    await withSim(async (sim) => {
      const rec = recorder();
      const bot = newBot(sim, home, [rec.plugin]);
      const topics: RoomTopicEvent[] = [];
      bot.on('room-topic', (e) => topics.push(e));
      await bot.start();
      try {
        sim.renameGroup('Family', 'Home Sweet Home', 'Alice');
        await until(() => topics.length >= 1, 'room-topic');
        // A later message proves the whole batch was applied; no second event appears.
        const marker = sim.injectText({ from: 'Alice', text: 'marker' });
        await until(() => rec.seen.some((m) => m.id === marker.msgId), 'marker');
        expect(topics).toHaveLength(1);
        expect(topics[0]).toMatchObject({ topic: 'Home Sweet Home', previous: 'Family', changer: { self: false, name: 'Alice' } });
        expect(bot.contacts.findGroups('Home Sweet Home')[0]?.id).toBe(topics[0]?.room.id);
        // The system line itself still reaches plugins as a message.
        expect(rec.seen.some((m) => m.kind === 'system' && m.text.includes('Home Sweet Home'))).toBe(true);
      } finally {
        await bot.stop();
      }
    });
  });

  it('fires nothing for a contact update that changes nothing visible to membership or topic', async () => {
    await withSim(async (sim) => {
      const bot = newBot(sim, home, []);
      const fired: string[] = [];
      for (const name of ['room-join', 'room-leave', 'room-topic'] as const) bot.on(name, () => fired.push(name));
      const contacts: string[] = [];
      bot.on('contact', (e) => contacts.push(e.contact.name));
      await bot.start();
      try {
        sim.touchContact('Family');
        sim.touchContact('Alice');
        await until(() => contacts.length >= 1, 'contact event');
        expect(fired).toEqual([]);
        expect(contacts).toEqual(['Alice']);
      } finally {
        await bot.stop();
      }
    });
  });
});

describe('own profile changes', () => {
  it('a rename on the phone (Profile BitFlag 190) updates the self contact, and mentions follow the new name', async () => {
    const home = tempHome();
    try {
      await withSim(async (sim) => {
        const rec = recorder();
        const bot = newBot(sim, home, [rec.plugin]);
        await bot.start();
        try {
          sim.renameSelf('Robo 🤖');
          await until(() => bot.contacts.self.nickName === 'Robo 🤖', 'the new self name');
          const { msgId } = sim.injectText({ from: 'Alice', room: 'Family', text: '@Robo 🤖\u2005are you there?' });
          await until(() => rec.seen.some((m) => m.id === msgId), 'the mention');
          expect(rec.seen.find((m) => m.id === msgId)?.mentionsSelf).toBe(true);
        } finally {
          await bot.stop();
        }
      });
    } finally {
      removeHome(home);
    }
  });
});
