import { LoginRegistry } from '../../src/login/login-registry';
import { Rng } from '../../src/util/rng';

describe('LoginRegistry (QR logins by uuid)', () => {
  it('walks waiting -> scanned -> confirmed -> redeemed, waking pollers at each step; a ticket redeems once', async () => {
    const reg = new LoginRegistry(new Rng(1), 60_000);
    const login = reg.create(false);
    expect(login.uuid).toMatch(/^[A-Za-z0-9]{10}==$/);
    expect(reg.get(login.uuid)).toBe(login);
    expect(reg.latest()).toBe(login);
    const woken = login.waiters.wait(60_000, new AbortController().signal);
    reg.scan(login);
    expect(await woken).toBe(true);
    expect(login.status).toBe('scanned');
    reg.confirm(login, 'account-1');
    expect(login.status).toBe('confirmed');
    expect(login.account).toBe('account-1');
    expect(login.ticket).toMatch(/^A[A-Za-z0-9_]{23}@qrticket_0$/);
    expect([...reg.awaitingRedeem()]).toEqual([login]);
    expect(reg.redeem('wrong', login.uuid)).toBeUndefined();
    expect(reg.redeem(login.ticket, 'other')).toBeUndefined();
    expect(reg.redeem(login.ticket, login.uuid)).toBe(login);
    expect(login.status).toBe('redeemed');
    expect(reg.redeem(login.ticket, login.uuid)).toBeUndefined();
    expect([...reg.awaitingRedeem()]).toEqual([]);
  });

  it('ignores a scan or confirm out of order, and a cancel wakes pollers', async () => {
    const reg = new LoginRegistry(new Rng(2), 60_000);
    const login = reg.create(true, 'en_US');
    expect([login.desktop, login.lang]).toEqual([true, 'en_US']);
    const woken = login.waiters.wait(60_000, new AbortController().signal);
    reg.cancel(login);
    expect(await woken).toBe(true);
    reg.scan(login);
    reg.confirm(login);
    expect(login.status).toBe('cancelled');
    expect(login.ticket).toBe('');
  });

  it('picks the account when confirming without one (chooseAccount), keeping one given at creation', () => {
    const reg = new LoginRegistry(new Rng(3), 60_000);
    reg.chooseAccount = () => 'chosen';
    const a = reg.create(false);
    reg.confirm(a);
    expect(a.account).toBe('chosen');
    const b = reg.create(false, 'zh_CN', 'fixed');
    reg.confirm(b, 'other');
    expect(b.account).toBe('fixed');
    expect(reg.latest()).toBe(b);
  });

  it('forgets an unconfirmed login after its TTL, but not a confirmed one', () => {
    const reg = new LoginRegistry(new Rng(4), 1_000);
    const waiting = reg.create(false);
    const confirmed = reg.create(false);
    reg.confirm(confirmed, 'acc');
    waiting.createdAt -= 2_000;
    confirmed.createdAt -= 2_000;
    expect(reg.get(waiting.uuid)).toBeUndefined();
    expect(reg.get(confirmed.uuid)).toBe(confirmed);
    expect(reg.get('nope')).toBeUndefined();
    // an expired confirmed login no longer holds its account
    expect([...reg.awaitingRedeem()]).toEqual([]);
  });
});
