import { parseCard } from '../../src/message/parse-card';
import { recommendInfo, wireMessage } from '../fixtures/wire';

const XML = '<?xml version="1.0"?>\n<msg username="wxid_xml" nickname="Xml &amp; Co" alias="xml_alias" certflag="0" />';

describe('parseCard', () => {
  it('prefers RecommendInfo, decoding the nickname', () => {
    const wire = wireMessage({ MsgType: 42, RecommendInfo: recommendInfo({ UserName: '@card', NickName: 'Ann &amp; Bo', Alias: 'ab', VerifyFlag: 0 }) });
    expect(parseCard(XML, wire)).toEqual({ userName: '@card', nickName: 'Ann & Bo', alias: 'ab', isOfficial: false });
  });

  it('fills each missing field from the <msg> attributes', () => {
    expect(parseCard(XML, wireMessage({ MsgType: 42 }))).toEqual({ userName: 'wxid_xml', nickName: 'Xml & Co', alias: 'xml_alias', isOfficial: false });
    expect(parseCard(XML, wireMessage({ MsgType: 42, RecommendInfo: recommendInfo({ UserName: '@card' }) }))).toMatchObject({ userName: '@card', nickName: 'Xml & Co' });
  });

  it('official when VerifyFlag has the brand bit (8)', () => {
    for (const [flag, official] of [[8, true], [24, true], [56, true], [16, false], [7, false]] as const) {
      expect(parseCard('', wireMessage({ RecommendInfo: recommendInfo({ VerifyFlag: flag }) })).isOfficial).toBe(official);
    }
  });

  it('broken XML and no RecommendInfo give empty fields', () => {
    const wire = { ...wireMessage({ MsgType: 42 }), RecommendInfo: undefined } as unknown as ReturnType<typeof wireMessage>;
    expect(parseCard('<msg username=', wire)).toEqual({ userName: '', nickName: '', alias: '', isOfficial: false });
  });
});
