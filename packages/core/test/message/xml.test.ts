import { WxbotError } from '@wxbot/core';
import { parseXml, XML_LIMITS } from '../../src/message/xml';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<msg><appmsg><title>&lol9;</title></appmsg></msg>`;

function rejection(xml: string): WxbotError {
  try {
    parseXml(xml);
  } catch (err) {
    if (err instanceof WxbotError) return err;
    throw err;
  }
  throw new Error('parseXml accepted it');
}

describe('parseXml limits', () => {
  it('parses ordinary message XML, and gives undefined for malformed XML', () => {
    expect(parseXml('<msg><emoji md5="abc"/></msg>')).toEqual({ msg: { emoji: { $: { md5: 'abc' } } } });
    expect(parseXml('<msg><a>x & y</a></msg>')).toEqual({ msg: { a: 'x & y' } });
    expect(parseXml('<msg><a></msg>')).toBeUndefined();
    expect(parseXml('plain text')).toBeUndefined();
  });

  it('refuses a billion-laughs payload before parsing: no entity is ever expanded', () => {
    const err = rejection(BILLION_LAUGHS);
    expect(err.code).toBe('WXBOT_XML_REJECTED');
    expect(err.message).toMatch(/DOCTYPE or ENTITY/);
    // A lone ENTITY declaration and a lower-case doctype are refused the same way.
    expect(rejection('<msg><!ENTITY a "b"></msg>').code).toBe('WXBOT_XML_REJECTED');
    expect(rejection('<!doctype msg><msg/>').code).toBe('WXBOT_XML_REJECTED');
  });

  it('refuses 10 MB of XML by its length, without parsing it', () => {
    const huge = `<msg><appmsg><title>${'x'.repeat(10 * 1024 * 1024)}</title></appmsg></msg>`;
    const err = rejection(huge);
    expect(err.code).toBe('WXBOT_XML_REJECTED');
    expect(err.details).toMatchObject({ chars: huge.length });
    // The largest allowed document still parses.
    const body = 'y'.repeat(XML_LIMITS.maxChars - '<msg></msg>'.length);
    expect(parseXml(`<msg>${body}</msg>`)).toEqual({ msg: body });
  });

  it('refuses nesting deeper than the limit, and accepts it at the limit', () => {
    const nest = (n: number): string => '<a>'.repeat(n) + 'x' + '</a>'.repeat(n);
    expect(parseXml(nest(XML_LIMITS.maxDepth))).toBeDefined();
    const err = rejection(nest(XML_LIMITS.maxDepth + 1));
    expect(err.code).toBe('WXBOT_XML_REJECTED');
    expect(err.message).toMatch(/deeper than 64/);
    // Unclosed elements count too (a stranger need not close anything).
    expect(rejection('<a>'.repeat(50_000)).code).toBe('WXBOT_XML_REJECTED');
  });

  it('sibling elements do not add up to depth', () => {
    expect(parseXml(`<msg>${'<b>1</b>'.repeat(1000)}</msg>`)).toBeDefined();
  });
});
