// Echo images, stickers and files back to the sender.
// Run it: npx wxbot start --sim --config examples/media-echo/bot.config.ts
import { defineConfig } from 'wxbot';
import mediaEcho from './plugins/media-echo';

export default defineConfig({
  plugins: [mediaEcho],
});
