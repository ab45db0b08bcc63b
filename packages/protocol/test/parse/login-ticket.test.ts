import { LoginRefusedError, MalformedBodyError, parseLoginTicketXml } from '@wxbot/protocol';

// Bodies below are the recorded shapes quoted in docs/protocol.md 4.1-4.4 and 6.1.

describe('newloginpage XML', () => {
  const ok =
    '<error><ret>0</ret><message></message><skey>@crypt_14ae1b12_b73ba2673448154847d7007a2de3c53b</skey><wxsid>mbJ5Lqm+yj6C8cEg</wxsid><wxuin>176666155</wxuin><pass_ticket>kbmy5JHEvGN9s%2BKnaRVrtP9qy%2Ftyu%3D</pass_ticket><isgrayscale>1</isgrayscale></error>';
  it('reads the credentials and keeps pass_ticket as sent', async () => {
    await expect(parseLoginTicketXml(ok)).resolves.toEqual({
      uin: 176666155,
      sid: 'mbJ5Lqm+yj6C8cEg',
      skey: '@crypt_14ae1b12_b73ba2673448154847d7007a2de3c53b',
      passTicket: 'kbmy5JHEvGN9s%2BKnaRVrtP9qy%2Ftyu%3D',
    });
  });
  it('turns ret 1203 into LoginRefusedError quoting the server', async () => {
    const msg = '为了你的帐号安全，此微信号不能登录网页微信。你可以使用Windows微信或Mac微信在电脑端登录。';
    const err = await parseLoginTicketXml(`<error><ret>1203</ret><message>${msg}</message></error>`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginRefusedError);
    expect((err as LoginRefusedError).ret).toBe(1203);
    expect((err as Error).message).toContain(msg);
    expect((err as Error).message).toContain('desktop (UOS) login mode');
  });
  it.each([
    ['HTML page', '<html><head></head><body>hi</body></html>'],
    ['not XML', 'this is not xml'],
    ['missing skey', '<error><ret>0</ret><wxsid>a</wxsid><wxuin>1</wxuin><pass_ticket>p</pass_ticket></error>'],
    ['no ret', '<error><message>x</message></error>'],
    ['truncated', ok.slice(0, 60)],
  ])('rejects %s', async (_n, body) => {
    await expect(parseLoginTicketXml(body)).rejects.toBeInstanceOf(MalformedBodyError);
  });
});
