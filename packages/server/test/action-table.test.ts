import { ActionTable } from '../src/action-table';

describe('ActionTable', () => {
  it('records a queued send under a fresh id, finds it again, and lists newest first', () => {
    const table = new ActionTable();
    const first = table.add('@alice', 'Alice', 'text');
    const second = table.add('@@team', 'Team', 'image');
    expect(first).toMatchObject({ to: '@alice', toName: 'Alice', kind: 'text', status: 'queued' });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.id).not.toBe(first.id);
    expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
    expect(table.get(first.id)).toBe(first);
    expect(table.get('no-such-id')).toBeUndefined();
    expect(table.list().map((r) => r.id)).toEqual([second.id, first.id]);
  });

  it('past 500 records drops the oldest finished one, never a queued one', () => {
    const table = new ActionTable();
    const queued = table.add('@a', 'A', 'text'); // oldest, still queued: kept
    const done = table.add('@b', 'B', 'text');
    done.status = 'sent';
    const failed = table.add('@c', 'C', 'text');
    failed.status = 'failed';
    for (let i = 0; i < 497; i++) table.add(`@x${i}`, 'X', 'text');
    expect(table.list()).toHaveLength(500);

    table.add('@over', 'Over', 'text');
    expect(table.list()).toHaveLength(500);
    expect(table.get(queued.id)).toBe(queued);
    expect(table.get(done.id)).toBeUndefined();
    expect(table.get(failed.id)).toBe(failed);

    table.add('@over2', 'Over', 'text');
    expect(table.get(failed.id)).toBeUndefined();
    // Nothing finished is left to drop: the table grows rather than forget a queued send.
    table.add('@over3', 'Over', 'text');
    expect(table.list()).toHaveLength(501);
    expect(table.get(queued.id)).toBe(queued);
  });
});
