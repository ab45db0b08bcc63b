import { parseRecall } from '../../src/message/parse-recall';

describe('parseRecall', () => {
  it('reads the revoked id and the notice from the sysmsg', () => {
    const xml = '<sysmsg type="revokemsg"><revokemsg><session>@a</session><oldmsgid>1</oldmsgid><msgid> 1234567890123456789 </msgid><replacemsg><![CDATA["Ann" recalled a message]]></replacemsg></revokemsg></sysmsg>';
    expect(parseRecall(xml)).toEqual({ revokedId: '1234567890123456789', notice: '"Ann" recalled a message' });
  });

  it('falls back to regexes when the XML is broken', () => {
    const xml = '<sysmsg type="revokemsg"><revokemsg><msgid>42</msgid><replacemsg><![CDATA[You recalled a message]]></replacemsg><unclosed>';
    expect(parseRecall(xml)).toEqual({ revokedId: '42', notice: 'You recalled a message' });
    expect(parseRecall('<replacemsg> plain </replacemsg><msgid>x</msgid>')).toEqual({ revokedId: '', notice: 'plain' });
  });

  it('keeps "0" (the last message you sent) and gives empty fields for anything else', () => {
    expect(parseRecall('<sysmsg><revokemsg><msgid>0</msgid></revokemsg></sysmsg>').revokedId).toBe('0');
    expect(parseRecall('')).toEqual({ revokedId: '', notice: '' });
    expect(parseRecall('not xml at all')).toEqual({ revokedId: '', notice: '' });
  });
});
