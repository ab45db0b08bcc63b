import fc from 'fast-check';
import { ProtocolError } from '@wxbot/protocol';
import { decodeText, parseMentions, parseMessage, splitGroupPrefix, WxbotError, type Message } from '@wxbot/core/internals';
import { normaliseWire } from '../../src/message/normalise-wire';
import { env, standardContacts } from '../fixtures/contacts';
import { escapeXml, FRIEND_ID, GROUP_ID, MEMBER_ID, SELF_ID, wireMessage } from '../fixtures/wire';

// Property tests of the message model: any AddMsgList entry the server (or a broken proxy) could
// send, with malformed XML, odd Unicode, huge contents and wrongly typed fields, becomes a frozen
// Message, or a typed error (never a TypeError from deep inside a parser).

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

const oddChar = fc.constantFrom('<', '>', '&', '"', "'", '&amp;', '&lt;', '&#x1f600;', '&#99999999;', '<br/>', ':<br/>', '\u0000', '\ud83d', '\udca9', '\u202e', '\u200b', '\u2005', '@', '😀', '中', '<span class="emoji emoji1f450"></span>', '<span class="emoji emoji1f63c"', ']]>', '<![CDATA[', '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY a "b">]>', '&a;');
const oddString = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: fc.oneof(oddChar, fc.string({ minLength: 1, maxLength: 1 })), maxLength: 60 }));

/** XML bodies of the app/card/friend-request/location/recall/status kinds, mutated. */
const XML = [
  '<msg><appmsg appid="" sdkver="0"><title>T</title><des>D</des><type>5</type><url>http://x</url></appmsg></msg>',
  '<msg><appmsg><title>f.pdf</title><type>6</type><appattach><totallen>12</totallen><fileext>pdf</fileext></appattach></appmsg></msg>',
  '<msg username="wxid_a" nickname="A" alias="" certflag="0"/>',
  '<msg fromusername="wxid_b" fromnickname="B" content="hi" ticket="t" scene="14"/>',
  '<sysmsg type="revokemsg"><revokemsg><msgid>1</msgid><replacemsg><![CDATA["A" recalled]]></replacemsg></revokemsg></sysmsg>',
  '<msg><op id="4"><username>a,b</username></op></msg>',
  '<msg><img length="1" /></msg>',
];
const xmlBody = fc.oneof(
  fc.constantFrom(...XML),
  fc.tuple(fc.constantFrom(...XML), fc.nat(), oddString).map(([x, n, s]) => x.slice(0, n % (x.length + 1)) + s + x.slice(n % (x.length + 1))),
  fc.tuple(fc.constantFrom(...XML), fc.nat()).map(([x, n]) => x.slice(0, n % (x.length + 1))),
).map((x) => fc.sample(fc.boolean(), 1)[0] ? escapeXml(x) : x);

const content = fc.oneof(
  oddString,
  xmlBody,
  fc.tuple(fc.constantFrom(MEMBER_ID, '@x', 'wxid_1', ''), oddString).map(([id, s]) => `${id}:<br/>${s}`),
  fc.constantFrom('', 'a'.repeat(200_000), '😀'.repeat(50_000), '<'.repeat(20_000), `${MEMBER_ID}:<br/>${'@Bot\u2005'.repeat(5000)}`),
);

const MSG_TYPES = [1, 3, 34, 37, 40, 42, 43, 47, 48, 49, 50, 51, 52, 53, 62, 9999, 10000, 10002, 0, -1, 7, 123456];
const wire = fc.record({
  MsgType: fc.oneof(fc.constantFrom(...MSG_TYPES), fc.integer()),
  AppMsgType: fc.oneof(fc.constantFrom(0, 1, 3, 5, 6, 8, 17, 33, 57, 2000, 2001), fc.integer()),
  SubMsgType: fc.constantFrom(0, 48),
  Content: content,
  FromUserName: fc.constantFrom(FRIEND_ID, GROUP_ID, SELF_ID, 'filehelper', 'fmessage', '@unknown', '@@unknowngroup', ''),
  ToUserName: fc.constantFrom(SELF_ID, GROUP_ID, FRIEND_ID, '@@unknowngroup', ''),
  FileName: oddString,
  Url: oddString,
  StatusNotifyUserName: oddString,
  CreateTime: fc.oneof(fc.integer(), fc.constant(0)),
  ImgHeight: fc.integer(),
  VoiceLength: fc.integer(),
  FileSize: oddString,
});

/** Wrongly typed fields as a careless server or proxy would send them (JSON has no schema). */
const wrongTypes = fc.record(
  {
    Content: fc.constantFrom(null, 5, {}, [], true),
    MsgType: fc.constantFrom(null, '1', '49', {}),
    FromUserName: fc.constantFrom(null, 7, undefined),
    RecommendInfo: fc.constantFrom(null, 'x', {}),
    AppInfo: fc.constantFrom(null, 1),
    CreateTime: fc.constantFrom(null, 'yesterday', Number.NaN),
  },
  { requiredKeys: [] },
);

function check(entry: unknown): void {
  let message: Message;
  try {
    message = parseMessage(entry as never, env());
  } catch (err) {
    if (err instanceof WxbotError || err instanceof ProtocolError) return;
    throw new Error(`untyped error from parseMessage: ${(err as Error)?.name}: ${(err as Error)?.message}`);
  }
  expect(Object.isFrozen(message)).toBe(true);
  expect(typeof message.kind).toBe('string');
  expect(typeof message.text).toBe('string');
  expect(typeof message.chat.id).toBe('string');
}

describe('fuzz: message model', () => {
  it('any well-typed entry becomes a frozen Message', () => {
    fc.assert(fc.property(wire, (w) => check(wireMessage(w))), { numRuns: RUNS });
  });

  it('wrongly typed fields: normalised at the engine boundary, then a Message', () => {
    fc.assert(
      fc.property(wire, wrongTypes, (w, bad) => {
        const entry = normaliseWire({ ...wireMessage(w), ...bad });
        expect(entry).toBeDefined();
        check(entry);
      }),
      { numRuns: RUNS },
    );
  });

  it('normaliseWire: anything at all becomes a well-typed entry or undefined', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 3 }), fc.record({ MsgId: fc.anything({ maxDepth: 1 }), Content: fc.anything({ maxDepth: 1 }), MsgType: fc.anything({ maxDepth: 1 }) })), (value) => {
        const entry = normaliseWire(value);
        if (entry) check(entry);
      }),
      { numRuns: RUNS },
    );
  });

  it('text helpers never throw and keep strings strings', () => {
    fc.assert(
      fc.property(content, (s) => {
        expect(typeof decodeText(s)).toBe('string');
        expect(typeof splitGroupPrefix(s).body).toBe('string');
        const scan = parseMentions(decodeText(s), { selfNames: [standardContacts().self.name, 'Botty'] });
        expect(Array.isArray(scan.mentions)).toBe(true);
        expect(typeof scan.mentionsSelf).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });
});
