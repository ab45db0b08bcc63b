// The smallest useful bot: echo whatever a friend says.
// Run it: npx wxbot start --sim --config examples/minimal/bot.config.ts
import echo from '@wxbot/plugin-echo';
import { defineConfig } from 'wxbot';

export default defineConfig({
  plugins: [echo()],
});
