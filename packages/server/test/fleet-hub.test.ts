import type { ApiEvent } from '../src/event-hub';
import { FleetHub, type FleetApiEvent } from '../src/fleet-hub';

const event = (seq: number, type: ApiEvent['type'], data: ApiEvent['data']): ApiEvent => ({ seq, type, at: '2026-12-02T10:00:00.000Z', data });

describe('FleetHub', () => {
  it("relays each account's events in one stream, renumbered in the fleet's own sequence, with attach and detach", () => {
    const hub = new FleetHub();
    const seen: FleetApiEvent[] = [];
    const off = hub.subscribe((e) => seen.push(e));
    hub.announce('sales-1', 'attached');
    hub.relay('sales-1', event(7, 'state', { state: 'running' }));
    hub.relay('sales-2', event(7, 'logout', { code: 1101, reason: 'logged out on the phone' }));
    hub.announce('sales-2', 'detached');

    expect(seen.map(({ seq, account, type }) => [seq, account, type])).toEqual([
      [1, 'sales-1', 'attached'],
      [2, 'sales-1', 'state'],
      [3, 'sales-2', 'logout'],
      [4, 'sales-2', 'detached'],
    ]);
    expect(seen[1]).toEqual({ seq: 2, account: 'sales-1', type: 'state', at: '2026-12-02T10:00:00.000Z', data: { state: 'running' } });
    expect(seen[0]?.data).toEqual({});
    expect(new Date(seen[0]?.at ?? '').toISOString()).toBe(seen[0]?.at);

    off();
    hub.announce('sales-3', 'attached');
    expect(seen).toHaveLength(4);
  });

  it('close drops every subscriber', () => {
    const hub = new FleetHub();
    const seen: FleetApiEvent[] = [];
    hub.subscribe((e) => seen.push(e));
    hub.subscribe((e) => seen.push(e));
    hub.announce('a', 'attached');
    expect(seen).toHaveLength(2);
    hub.close();
    hub.announce('a', 'detached');
    expect(seen).toHaveLength(2);
  });
});
