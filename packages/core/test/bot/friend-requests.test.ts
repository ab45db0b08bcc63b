import { FriendRequestBook } from '../../src/bot/friend-requests';
import type { FriendRequestInfo } from '../../src/message/types';

const request = (userName: string, ticket = `v2_${userName}`): FriendRequestInfo => ({ userName, nickName: userName, greeting: 'hi', ticket, scene: 14, roomId: '' });

describe('FriendRequestBook', () => {
  it('lists requests as pending until accepted, rejected or ignored, oldest first', () => {
    const book = new FriendRequestBook();
    const [a, b, c] = [request('@a'), request('@b'), request('@c')];
    for (const r of [a, b, c]) book.add(r);
    expect(book.pending()).toEqual([a, b, c]);
    book.settle(b, 'ignored');
    book.settle(c, 'rejected');
    expect(book.pending()).toEqual([a]);
    expect([book.status(a), book.status(b), book.status(c)]).toEqual(['pending', 'ignored', 'rejected']);
  });

  it('the same request replayed keeps its status; a new ticket from the same person is a new request', () => {
    const book = new FriendRequestBook();
    const first = request('@a', 'v2_1');
    book.add(first);
    book.settle(first, 'ignored');
    book.add(first);
    expect(book.pending()).toEqual([]);
    const second = request('@a', 'v2_2');
    book.add(second);
    expect(book.pending()).toEqual([second]);
    expect(book.status(first)).toBeUndefined();
  });

  it('keeps at most 500 requests (a flood cannot grow memory), dropping the oldest', () => {
    const book = new FriendRequestBook();
    for (let i = 0; i < 520; i++) book.add(request(`@${i}`));
    const pending = book.pending();
    expect(pending).toHaveLength(500);
    expect(pending[0]?.userName).toBe('@20');
    book.clear();
    expect(book.pending()).toEqual([]);
  });
});
