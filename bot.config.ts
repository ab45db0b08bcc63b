// The example configuration `npx wxbot start` (and `--sim`) picks up in this repository.
// Plugins run in order: a plugin that answers a message stops it there.
import autoReply from '@wxbot/plugin-auto-reply';
import friendAccept from '@wxbot/plugin-friend-accept';
import roomWelcome from '@wxbot/plugin-room-welcome';
import echo from '@wxbot/plugin-echo';
import keyword from '@wxbot/plugin-keyword';
import { defineConfig } from 'wxbot';

export default defineConfig({
  plugins: [
    // Friend requests that mention the bot are accepted and greeted.
    friendAccept({ rules: [{ match: 'contains', pattern: 'wxbot', flags: 'i' }], greeting: 'Hi {name}! Say help to see what I can do.' }),
    roomWelcome({ rooms: { Family: 'Welcome to the family, {names}!' }, fallback: 'Welcome, {names}!' }),
    keyword({
      rules: [
        { match: 'exact', pattern: 'ping', flags: 'i', reply: 'pong' },
        { match: 'exact', pattern: 'help', reply: 'Say ping, or anything else and I will echo it, {sender}.' },
        { match: 'regex', pattern: '^weather (?<city>\\S+)$', reply: 'No forecast for {match.city} yet.' },
      ],
    }),
    // Calls next() first, so it never stops the plugins after it.
    autoReply({ chats: ['Family'], message: 'The owner is away; this is the bot.', cooldownMs: 10 * 60 * 1000 }),
    echo({ chats: 'all', prefix: 'echo: ' }),
  ],
  log: { level: 'info' },
});
