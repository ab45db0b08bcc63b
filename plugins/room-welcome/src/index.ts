import { definePlugin } from '@wxbot/core';
import { z } from 'zod';

export const roomWelcomeOptions = z
  .object({
    /** Welcome text per group topic. `{names}`: the newcomers, `{room}`: the topic, `{inviter}`: who invited them. */
    rooms: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Text for groups not listed in `rooms`; omit to welcome only in listed groups. */
    fallback: z.string().min(1).optional(),
  })
  .strict();

export type RoomWelcomeOptions = z.input<typeof roomWelcomeOptions>;

/**
 * Welcomes new group members by name, with a text per group.
 * @example roomWelcome({ rooms: { Family: 'Welcome home, {names}!' }, fallback: 'Hello {names}' })
 */
export const roomWelcome = definePlugin({
  name: 'room-welcome',
  options: roomWelcomeOptions,
  setup(api, options) {
    api.onEvent('room-join', async ({ room, members, inviter }) => {
      const self = api.bot.contacts.self.id;
      const newcomers = members.filter((m) => m.id !== self);
      const template = options.rooms[room.topic] ?? options.fallback;
      if (newcomers.length === 0 || !template) return;
      const inviterName = !inviter ? '' : inviter.self ? api.bot.contacts.self.name : inviter.name;
      const text = template
        .replaceAll('{names}', newcomers.map((m) => m.name).join(', '))
        .replaceAll('{room}', room.topic)
        .replaceAll('{inviter}', inviterName);
      await api.bot.send(room.id, text);
    });
  },
});

export default roomWelcome;
