// A bot with its own plugins, referenced two ways: imported, and by a path string.
// Run it: npx wxbot start --sim --config examples/custom-plugin/bot.config.ts
import { defineConfig } from 'wxbot';
import tally from './plugins/tally';

export default defineConfig({
  // tally first: it counts every text and passes it on; greeter answers "hi" and stops there,
  // so a plugin after greeter would never see (or count) the greetings.
  plugins: [
    tally({ command: '!count' }),
    './plugins/greeter',
  ],
});
