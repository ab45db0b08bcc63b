import { definePlugin } from '@wxbot/core';
import { repliesOf, repliesWith } from '@wxbot/testkit';

let closed = 0;
const echo = definePlugin({
  name: 'echo',
  setup(api) {
    api.on('text', (ctx) => ctx.message.text);
    return () => void (closed += 1);
  },
});

describe('repliesOf / repliesWith', () => {
  it('answers the replies to texts from the first friend and to any Incoming, in order, then closes the bot', async () => {
    const before = closed;
    expect(await repliesOf(echo(), 'hi', { kind: 'text', text: 'yo', from: 'Bob' })).toEqual([
      { to: 'Alice', text: 'hi' },
      { to: 'Bobby', text: 'yo' },
    ]);
    expect(closed).toBe(before + 1);
    expect(await repliesOf([echo()])).toEqual([]);
  });

  it('takes full options (address book), and closes the bot when a message fails', async () => {
    expect(await repliesWith({ plugins: [echo()], contacts: ['Zoe'] }, 'hey')).toEqual([{ to: 'Zoe', text: 'hey' }]);
    const before = closed;
    await expect(repliesWith({ plugins: [echo()], contacts: ['Zoe'] }, { kind: 'text', text: 'x', from: 'Nobody' })).rejects.toThrow(/unknown contact "Nobody"/);
    expect(closed).toBe(before + 1);
  });
});
