import { Breaker } from '../../src/outbox/breaker';

// Cooldowns come from backoffDelay: with random() = 0 a trip after n earlier trips waits
// min(cap, base * 2^n) / 2, so the policy below gives 50, 100, 200, 400, 500, 500, ...
const policy = { baseMs: 100, capMs: 1000 };
const low = (): number => 0;
const high = (): number => 1;

describe('Breaker', () => {
  it('starts closed: actions go at once, and starting one makes no trial', () => {
    const b = new Breaker(policy);
    expect(b.stateAt(0)).toBe('closed');
    expect(b.readyAt(1234)).toBe(1234);
    b.started();
    b.started();
    expect(b.readyAt(1234)).toBe(1234);
    expect(b.toJSON()).toEqual({ trips: 0, openUntil: 0 });
  });

  it('a trip opens it until now + cooldown, then it is half-open at exactly that time', () => {
    const b = new Breaker(policy);
    expect(b.tripped(1000, low)).toBe(50);
    expect(b.stateAt(1000)).toBe('open');
    expect(b.stateAt(1049)).toBe('open');
    expect(b.readyAt(1010)).toBe(1050);
    expect(b.stateAt(1050)).toBe('half-open');
    expect(b.readyAt(1050)).toBe(1050);
    expect(b.toJSON()).toEqual({ trips: 1, openUntil: 1050 });
  });

  it('each further trip doubles the cooldown up to the cap', () => {
    const b = new Breaker(policy);
    const cooldowns = [0, 1, 2, 3, 4, 5].map(() => b.tripped(0, low));
    expect(cooldowns).toEqual([50, 100, 200, 400, 500, 500]);
    expect(b.toJSON()).toEqual({ trips: 6, openUntil: 500 });
  });

  it('jitter stays within [ceiling/2, ceiling]', () => {
    expect(new Breaker(policy).tripped(0, high)).toBe(100);
    const b = new Breaker(policy, { trips: 3, openUntil: 0 });
    expect(b.tripped(0, () => 0.5)).toBe(600); // ceiling 800: 400 + 0.5 * 400
  });

  it('half-open lets one trial at a time; a non-1205 outcome frees the slot without closing', () => {
    const b = new Breaker(policy);
    b.tripped(0, low);
    b.started();
    expect(b.readyAt(60)).toBe(Infinity);
    expect(b.stateAt(60)).toBe('half-open');
    b.finished();
    expect(b.readyAt(60)).toBe(60);
    expect(b.stateAt(60)).toBe('half-open');
    expect(b.toJSON()).toEqual({ trips: 1, openUntil: 50 });
  });

  it('a successful trial closes it and forgets the trips', () => {
    const b = new Breaker(policy);
    b.tripped(0, low);
    b.tripped(50, low);
    b.started();
    b.succeeded();
    expect(b.stateAt(0)).toBe('closed');
    expect(b.readyAt(0)).toBe(0);
    expect(b.toJSON()).toEqual({ trips: 0, openUntil: 0 });
    // The next trip starts from the base cooldown again.
    expect(b.tripped(200, low)).toBe(50);
  });

  it('a trial answered 1205 opens it again for longer and frees the trial slot', () => {
    const b = new Breaker(policy);
    b.tripped(0, low); // open until 50
    b.started(); // trial at 50
    expect(b.tripped(60, low)).toBe(100);
    expect(b.stateAt(100)).toBe('open');
    expect(b.readyAt(100)).toBe(160);
    expect(b.readyAt(160)).toBe(160); // not Infinity: the failed trial is over
  });

  it('a started action while open does not block the later half-open trial forever', () => {
    // started() while still open marks a trial; finished() must release it.
    const b = new Breaker(policy);
    b.tripped(0, low);
    b.started();
    b.finished();
    expect(b.readyAt(50)).toBe(50);
  });

  it('resumes from a persisted state: still open, and the next trip continues the doubling', () => {
    const b = new Breaker(policy, { trips: 2, openUntil: 5000 });
    expect(b.stateAt(4999)).toBe('open');
    expect(b.readyAt(4000)).toBe(5000);
    expect(b.stateAt(5000)).toBe('half-open');
    expect(b.tripped(5000, low)).toBe(200);
    expect(b.toJSON()).toEqual({ trips: 3, openUntil: 5200 });
    const copy = new Breaker(policy, JSON.parse(JSON.stringify(b)) as { trips: number; openUntil: number });
    expect(copy.toJSON()).toEqual(b.toJSON());
    expect(copy.stateAt(5100)).toBe('open');
  });
});
