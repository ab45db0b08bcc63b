import fc from 'fast-check';
import {
  JsSyntaxError,
  parseJsAssignments,
  parseJsLoginBody,
  parseJsonBody,
  parseLoginPollBody,
  parseLoginTicketXml,
  parseSyncCheckBody,
  ProtocolError,
} from '@wxbot/protocol';

// Property tests of every parser of server text: malformed, truncated, huge and odd-Unicode
// bodies either parse or fail with a typed error (ProtocolError, or JsSyntaxError from the raw
// JS-assignment parser), never a TypeError/RangeError, never a hang, never an evaluation.

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

/** Strings with the characters that break parsers: quotes, escapes, brackets, NUL, surrogates, RTL. */
const oddChar = fc.constantFrom('"', "'", '\\', ';', '=', '{', '}', '<', '>', '/', '&', '\n', '\r', '\u0000', '\ud800', '\udfff', '\u202e', '\u200b', '\u2005', '😀', '中', '\ufeff', ' ');
const oddString = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: fc.oneof(oddChar, fc.string({ minLength: 1, maxLength: 1 })), maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 60 }));

/** Valid bodies as the server sends them (docs/protocol.md 4.1, 4.3, 4.4, 6.1, 6.2). */
const VALID = {
  jslogin: 'window.QRLogin.code = 200; window.QRLogin.uuid = "gbyKnbsmqQ==";',
  poll: 'window.code=200;\nwindow.redirect_uri="https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=A&uuid=B&lang=zh_CN&scan=1";',
  synccheck: 'window.synccheck={retcode:"0",selector:"2"}',
  json: '{"BaseResponse":{"Ret":0,"ErrMsg":""},"MsgID":"3053194738703673101","LocalID":"15462147414160521"}',
  ticket: '<error><ret>0</ret><message></message><skey>@crypt_x</skey><wxsid>sid</wxsid><wxuin>123</wxuin><pass_ticket>pt</pass_ticket><isgrayscale>1</isgrayscale></error>',
};

/** A valid body mutated: cut, spliced with odd text, or with a character replaced. */
function mutated(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
    fc.tuple(fc.nat({ max: valid.length }), oddString).map(([n, s]) => valid.slice(0, n) + s + valid.slice(n)),
    fc.tuple(fc.nat({ max: Math.max(0, valid.length - 1) }), oddChar).map(([n, ch]) => valid.slice(0, n) + ch + valid.slice(n + 1)),
    oddString,
  );
}

function typed(err: unknown, extra: Array<new (...a: never[]) => Error> = []): boolean {
  return err instanceof ProtocolError || extra.some((k) => err instanceof k);
}

function noUntypedThrow(fn: () => unknown, extra: Array<new (...a: never[]) => Error> = []): void {
  try {
    fn();
  } catch (err) {
    if (!typed(err, extra)) throw new Error(`untyped error ${(err as Error)?.name}: ${(err as Error)?.message}`);
  }
}

describe('fuzz: protocol parsers', () => {
  it('JS-assignment parser: a map or a JsSyntaxError', () => {
    fc.assert(fc.property(fc.oneof(mutated(VALID.jslogin), mutated(VALID.poll), mutated(VALID.synccheck)), (body) => noUntypedThrow(() => parseJsAssignments(body), [JsSyntaxError])), { numRuns: RUNS });
  });

  it.each([
    ['jslogin', parseJsLoginBody, VALID.jslogin],
    ['login poll', parseLoginPollBody, VALID.poll],
    ['synccheck', parseSyncCheckBody, VALID.synccheck],
  ] as const)('%s body: parsed or a MalformedBodyError', (_name, parse, valid) => {
    fc.assert(fc.property(mutated(valid), (body) => noUntypedThrow(() => parse(body))), { numRuns: RUNS });
  });

  it('JSON bodies: parsed or a ProtocolError (malformed, missing BaseResponse, Ret != 0)', () => {
    const jsonish = fc.oneof(
      mutated(VALID.json),
      fc.json({ maxDepth: 4 }),
      fc.anything({ maxDepth: 3 }).map((v) => {
        try {
          return JSON.stringify({ BaseResponse: v, MsgID: v });
        } catch {
          return '{}';
        }
      }),
    );
    fc.assert(fc.property(jsonish, (body) => noUntypedThrow(() => parseJsonBody('webwxsendmsg', body, (b) => (typeof b['MsgID'] === 'string' ? undefined : 'no MsgID')))), { numRuns: RUNS });
  });

  it('newloginpage XML: a ticket or a ProtocolError', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(VALID.ticket), async (body) => {
        try {
          await parseLoginTicketXml(body);
        } catch (err) {
          if (!typed(err)) throw new Error(`untyped error ${(err as Error)?.name}: ${(err as Error)?.message}`);
        }
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });

  it('huge bodies: 5 MB of junk, deep nesting and a long string parse or fail fast with a typed error', async () => {
    const junk = 'window.synccheck={retcode:"0",selector:"' + 'x'.repeat(5_000_000);
    noUntypedThrow(() => parseSyncCheckBody(junk));
    noUntypedThrow(() => parseJsonBody('webwxsync', `${'['.repeat(100_000)}`));
    noUntypedThrow(() => parseJsonBody('webwxsync', JSON.stringify({ BaseResponse: { Ret: 0 }, AddMsgList: [{ Content: '😀'.repeat(1_000_000) }] })));
    await parseLoginTicketXml(`<error>${'<a>'.repeat(5000)}</error>`).catch((err: unknown) => {
      if (!typed(err)) throw err;
    });
  });

  // Found by this suite: the parser recursed once per nesting level, so a body nested 10,000
  // deep overflowed the stack (RangeError). It now stops at a depth limit with a JsSyntaxError.
  it('deeply nested JS body: a JsSyntaxError, not a stack overflow', () => {
    noUntypedThrow(() => parseJsAssignments(`window.a=${'{b:'.repeat(10_000)}1${'}'.repeat(10_000)};`), [JsSyntaxError]);
  });
});
