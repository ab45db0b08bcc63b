import { DedupeWindow } from '../../src/message/dedupe-window';

describe('DedupeWindow', () => {
  it('add says whether an id is new; has finds it afterwards', () => {
    const w = new DedupeWindow(10);
    expect(w.has('1')).toBe(false);
    expect(w.add('1')).toBe(true);
    expect(w.has('1')).toBe(true);
    expect(w.add('1')).toBe(false);
    expect(w.add('2')).toBe(true);
    expect(w.toArray()).toEqual(['1', '2']);
  });

  it('forgets the oldest id past capacity', () => {
    const w = new DedupeWindow(3);
    for (const id of ['a', 'b', 'c']) w.add(id);
    expect(w.toArray()).toEqual(['a', 'b', 'c']);
    w.add('d');
    expect(w.toArray()).toEqual(['b', 'c', 'd']);
    expect(w.has('a')).toBe(false);
    expect(w.add('a')).toBe(true); // seen too long ago to count as a duplicate
    expect(w.toArray()).toEqual(['c', 'd', 'a']);
  });

  it('a duplicate does not refresh its place or push anything out', () => {
    const w = new DedupeWindow(3);
    for (const id of ['a', 'b', 'c']) w.add(id);
    expect(w.add('a')).toBe(false);
    expect(w.toArray()).toEqual(['a', 'b', 'c']);
    w.add('d');
    expect(w.has('a')).toBe(false);
  });

  it('starts from a saved list, keeping its newest `capacity` ids (a restart replays nothing)', () => {
    const w = new DedupeWindow(3, ['1', '2', '3', '4', '5']);
    expect(w.toArray()).toEqual(['3', '4', '5']);
    expect(w.add('5')).toBe(false);
    expect(w.add('2')).toBe(true);
    expect(w.toArray()).toEqual(['4', '5', '2']);
    const copy = new DedupeWindow(3, w.toArray());
    expect(copy.toArray()).toEqual(w.toArray());
  });

  it('a saved list with repeats loads each id once', () => {
    expect(new DedupeWindow(5, ['1', '1', '2']).toArray()).toEqual(['1', '2']);
  });

  it('holds 5000 ids by default', () => {
    const w = new DedupeWindow();
    for (let i = 0; i < 5001; i++) w.add(String(i));
    expect(w.toArray()).toHaveLength(5000);
    expect(w.has('0')).toBe(false);
    expect(w.has('1')).toBe(true);
    expect(w.has('5000')).toBe(true);
  });
});
