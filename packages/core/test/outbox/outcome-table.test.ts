import { OutcomeTable } from '../../src/outbox/outcome-table';
import type { StoredOutcome } from '../../src/outbox/outbox-store';

const outcome = (idem: string, at = 0): StoredOutcome => ({ idem, at, ok: true, result: { idem } });
const put = (t: OutcomeTable, ...keys: string[]): void => keys.forEach((k, i) => t.set(k, { outcome: outcome(k, i) }));
const keys = (t: OutcomeTable): string[] => t.outcomes().map((o) => o.idem);

describe('OutcomeTable', () => {
  it('returns what was set, live result included, and nothing for unknown keys', () => {
    const t = new OutcomeTable(10);
    const live = { msgId: '1' };
    t.set('msg:1#0', { outcome: outcome('msg:1#0'), live });
    expect(t.get('msg:1#0')?.live).toBe(live);
    expect(t.get('msg:1#0')?.outcome).toEqual(outcome('msg:1#0'));
    expect(t.get('msg:1#1')).toBeUndefined();
  });

  it('replacing a key keeps one entry', () => {
    const t = new OutcomeTable(2);
    t.set('msg:1#0', { outcome: { idem: 'msg:1#0', at: 1, ok: false, error: 'x' } });
    t.set('msg:1#0', { outcome: { idem: 'msg:1#0', at: 2, ok: true } });
    t.set('msg:2#0', { outcome: outcome('msg:2#0') });
    expect(keys(t)).toEqual(['msg:1#0', 'msg:2#0']);
    expect(t.get('msg:1#0')?.outcome.at).toBe(2);
  });

  it('holds at most `capacity` outcomes, dropping the oldest first', () => {
    const t = new OutcomeTable(3);
    put(t, 'msg:1#0', 'msg:2#0', 'msg:3#0');
    expect(keys(t)).toEqual(['msg:1#0', 'msg:2#0', 'msg:3#0']);
    put(t, 'msg:4#0');
    expect(keys(t)).toEqual(['msg:2#0', 'msg:3#0', 'msg:4#0']);
    expect(t.get('msg:1#0')).toBeUndefined();
  });

  it('an eviction keeps the scope index right: the rest of the scope can still be forgotten', () => {
    const t = new OutcomeTable(2);
    put(t, 'msg:1#0', 'msg:1#1', 'msg:2#0'); // evicts msg:1#0
    expect(keys(t)).toEqual(['msg:1#1', 'msg:2#0']);
    t.forgetScope('msg:1#');
    expect(keys(t)).toEqual(['msg:2#0']);
    // A scope emptied by eviction alone is gone from the index too, and can start over.
    const u = new OutcomeTable(1);
    put(u, 'msg:7#0', 'msg:8#0');
    u.set('msg:7#1', { outcome: outcome('msg:7#1') });
    expect(keys(u)).toEqual(['msg:7#1']);
    u.forgetScope('msg:7#');
    expect(keys(u)).toEqual([]);
  });

  it('a scope whose last outcome was evicted is no longer offered to forgetScopes', () => {
    const t = new OutcomeTable(1);
    put(t, 'msg:1#0', 'msg:2#0');
    const asked: string[] = [];
    t.forgetScopes((scope) => {
      asked.push(scope);
      return false;
    });
    expect(asked).toEqual(['msg:2#']);
  });

  it('forgetScope drops every action of one message and no other message', () => {
    const t = new OutcomeTable(100);
    put(t, 'msg:42#0', 'msg:42#1', 'msg:42#2', 'msg:420#0', 'msg:4#0', 'msg:42');
    t.forgetScope('msg:42#');
    expect(keys(t)).toEqual(['msg:420#0', 'msg:4#0', 'msg:42']);
    t.forgetScope('msg:42#'); // twice is harmless
    t.forgetScope('msg:nope#');
    expect(keys(t)).toHaveLength(3);
  });

  it('the scope is everything up to the last #', () => {
    const t = new OutcomeTable(100);
    put(t, 'user:a#b#0', 'user:a#b#1', 'user:a#0');
    t.forgetScope('user:a#');
    expect(keys(t)).toEqual(['user:a#b#0', 'user:a#b#1']);
    t.forgetScope('user:a#b#');
    expect(keys(t)).toEqual([]);
  });

  it('a scope forgotten and used again is indexed again', () => {
    const t = new OutcomeTable(100);
    put(t, 'msg:1#0');
    t.forgetScope('msg:1#');
    put(t, 'msg:1#1');
    expect(t.get('msg:1#1')).toBeDefined();
    t.forgetScope('msg:1#');
    expect(keys(t)).toEqual([]);
  });

  it('forgetScopes asks once per scope and drops the chosen ones', () => {
    const t = new OutcomeTable(100);
    put(t, 'msg:1#0', 'msg:1#1', 'msg:2#0', 'msg:3#0', 'msg:3#1');
    const asked: string[] = [];
    t.forgetScopes((scope) => {
      asked.push(scope);
      return scope !== 'msg:2#';
    });
    expect(asked.sort()).toEqual(['msg:1#', 'msg:2#', 'msg:3#']);
    expect(keys(t)).toEqual(['msg:2#0']);
    t.forgetScopes(() => false);
    expect(keys(t)).toEqual(['msg:2#0']);
  });

  it('outcomes() lists the persisted form in insertion order', () => {
    const t = new OutcomeTable(10);
    t.set('msg:2#0', { outcome: outcome('msg:2#0', 5), live: new Date(0) });
    t.set('msg:1#0', { outcome: outcome('msg:1#0', 6) });
    expect(t.outcomes()).toEqual([outcome('msg:2#0', 5), outcome('msg:1#0', 6)]);
  });
});
