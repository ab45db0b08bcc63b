import { mainUrl, refererHeaders, type SessionContext } from '../session-context';

/**
 * webwxlogout. POST with no body (a JSON body makes it fail); the answer is a redirect page
 * that clients ignore. type 1 = user logout.
 */
export async function logout(ctx: SessionContext, type: 0 | 1 = 1, signal?: AbortSignal): Promise<void> {
  await ctx.http.request({
    endpoint: 'webwxlogout',
    method: 'POST',
    url: mainUrl(ctx, 'webwxlogout'),
    query: { redirect: 1, type, skey: ctx.credentials.skey },
    headers: refererHeaders(ctx),
    acceptStatus: [301, 302, 303],
    signal,
  });
}
