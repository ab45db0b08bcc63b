// A bot with its own plugins, referenced two ways: imported, and by a path string.
// Run it: npx wxbot start --sim --config examples/custom-plugin/bot.config.ts
import { defineConfig } from 'wxbot';
import tally from './plugins/tally';

export default defineConfig({
  plugins: [
    './plugins/greeter',
    tally({ command: '!count' }),
  ],
});
