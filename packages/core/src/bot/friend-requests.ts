import type { FriendRequestInfo } from '../message/types';

/** What became of a friend request in this session. */
export type FriendRequestStatus = 'pending' | 'accepted' | 'rejected' | 'ignored';

/** Most requests remembered; the oldest go first (a flood of requests must not grow memory). */
const CAPACITY = 500;

/**
 * The friend requests of this session and what the bot did with them. Ignoring is only a mark
 * here: the web protocol has no "ignore" (the request stays open on the phone, and can still be
 * accepted). Requester UserNames are session-scoped, so a new login starts an empty book.
 */
export class FriendRequestBook {
  private readonly byUserName = new Map<string, { request: FriendRequestInfo; status: FriendRequestStatus }>();

  /**
   * A request arrived (or was replayed from the journal). A new ticket from the same person is
   * a new request; the same one again keeps what was done with it.
   */
  add(request: FriendRequestInfo): void {
    const known = this.byUserName.get(request.userName);
    if (known && known.request.ticket === request.ticket) return;
    this.byUserName.delete(request.userName);
    this.byUserName.set(request.userName, { request, status: 'pending' });
    if (this.byUserName.size > CAPACITY) {
      const oldest = this.byUserName.keys().next();
      if (!oldest.done) this.byUserName.delete(oldest.value);
    }
  }

  /** Record what was done with a request (it need not have been seen: a plugin may hold one from an earlier message). */
  settle(request: FriendRequestInfo, status: Exclude<FriendRequestStatus, 'pending'>): void {
    this.byUserName.delete(request.userName);
    this.byUserName.set(request.userName, { request, status });
  }

  status(request: FriendRequestInfo): FriendRequestStatus | undefined {
    const known = this.byUserName.get(request.userName);
    return known && known.request.ticket === request.ticket ? known.status : undefined;
  }

  /** Requests neither accepted, rejected nor ignored yet, oldest first. */
  pending(): FriendRequestInfo[] {
    return [...this.byUserName.values()].filter((r) => r.status === 'pending').map((r) => r.request);
  }

  clear(): void {
    this.byUserName.clear();
  }
}
