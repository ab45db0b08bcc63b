import { parseStringPromise } from 'xml2js';
import { fileAppMsgXml, WEB_FILE_APPID } from '@wxbot/protocol';

describe('file appmsg XML', () => {
  it('matches docs/protocol.md 9.8 for a plain name', () => {
    expect(fileAppMsgXml({ fileName: 'a.pdf', size: 1234, mediaId: '@crypt_m', appId: WEB_FILE_APPID })).toBe(
      "<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>a.pdf</title><des></des><action></action><type>6</type><content></content>" +
        '<url></url><lowurl></lowurl><appattach><totallen>1234</totallen><attachid>@crypt_m</attachid><fileext>pdf</fileext></appattach><extinfo></extinfo></appmsg>',
    );
  });

  it.each(['R&D <draft> "v2" it\'s.txt', '报告&amp;.pdf', 'a<b>c.x&y'])('escapes %s so that it parses back to the same name', async (name) => {
    const xml = fileAppMsgXml({ fileName: name, size: 1, mediaId: '@m', appId: '' });
    const doc = (await parseStringPromise(xml)) as { appmsg: { $: { appid: string }; title: string[]; appattach: Array<{ fileext: string[] }> } };
    expect(doc.appmsg.title[0]).toBe(name);
    expect(doc.appmsg.$.appid).toBe('');
    expect(name.endsWith(doc.appmsg.appattach[0]?.fileext[0] ?? '?')).toBe(true);
  });
});
