import { attr, escapeXmlPayload } from '../../src/messages/xml';

describe('XML escaping of message payloads', () => {
  it('escapes attribute values (quotes too) and payloads (quotes kept, as the server sends them)', () => {
    expect(attr('a & <b> "c"')).toBe('a &amp; &lt;b&gt; &quot;c&quot;');
    expect(attr(42)).toBe('42');
    expect(escapeXmlPayload('<msg a="1">&</msg>')).toBe('&lt;msg a="1"&gt;&amp;&lt;/msg&gt;');
  });
});
