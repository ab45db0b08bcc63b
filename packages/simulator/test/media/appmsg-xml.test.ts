import { parseAppMsg } from '../../src/media/appmsg-xml';

describe('parseAppMsg', () => {
  const xml = "<appmsg appid='wxeb7ec651dd0aefa9' sdkver=''><title>R&amp;D &lt;1&gt;.pdf</title><des></des><action></action><type>6</type><content></content><url></url><lowurl></lowurl><appattach><totallen>1234</totallen><attachid>@crypt_f</attachid><fileext>pdf</fileext></appattach><extinfo></extinfo></appmsg>";

  it('reads the fields of a file appmsg, entities decoded, plain or escaped as a whole', () => {
    const want = { title: 'R&D <1>.pdf', totalLen: 1234, attachId: '@crypt_f', fileExt: 'pdf', url: '', description: '', appmsg: xml.replace('R&amp;D &lt;1&gt;.pdf', 'R&D <1>.pdf') };
    expect({ ...parseAppMsg(xml), appmsg: '' }).toEqual({ ...want, appmsg: '' });
    expect(parseAppMsg(xml).appmsg).toBe(xml);
    const escaped = xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(parseAppMsg(escaped)).toMatchObject({ title: 'R&D <1>.pdf', totalLen: 1234, attachId: '@crypt_f', fileExt: 'pdf' });
  });

  it('reads CDATA, leaves a non-numeric totallen undefined, and gives empty fields for anything else', () => {
    const link = '<msg><appmsg appid="" sdkver="0"><title><![CDATA[News]]></title><des>d</des><url>https://example.org/?a=1&amp;b=2</url><appattach><totallen>n/a</totallen></appattach><type>5</type></appmsg></msg>';
    expect(parseAppMsg(link)).toMatchObject({ title: 'News', description: 'd', url: 'https://example.org/?a=1&b=2', totalLen: undefined, attachId: '' });
    expect(parseAppMsg('hello')).toEqual({ title: '', totalLen: undefined, attachId: '', fileExt: '', url: '', description: '', appmsg: '' });
  });
});
