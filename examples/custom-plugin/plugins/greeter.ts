import { definePlugin } from '@wxbot/core';

/** Answers "hi"/"hello" by name; returning a string sends it as the reply. */
export default definePlugin({
  name: 'greeter',
  setup(api) {
    api.hears(/^(hi|hello)\b/i, (ctx) => `Hello, ${ctx.message.sender.name || 'friend'}!`);
  },
});
