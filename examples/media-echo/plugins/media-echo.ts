import { definePlugin } from '@wxbot/core';

/**
 * Sends images, stickers and files back to the chat they came from: downloads the bytes
 * (the real type is sniffed, so a GIF sticker stays a GIF) and replies with them.
 */
export default definePlugin({
  name: 'media-echo',
  setup(api) {
    api.on(['image', 'emoticon', 'file'], async (ctx) => {
      const media = await ctx.bot.download(ctx.message);
      ctx.log.info({ kind: ctx.message.kind, bytes: media.bytes.length, mime: media.mime }, 'echoing media');
      // fileName is a plain, safe name even when the sender's was '../../evil.txt' (that one is rawFileName).
      if (ctx.message.kind === 'file') return { file: media.bytes, name: media.fileName };
      return { image: media.bytes, name: `echo.${media.ext}` };
    });
  },
});
