import { emojiToSpans, escapeHtml, toWireName, toWireText } from '../../src/messages/text';

describe('wire text', () => {
  it('escapes & < > " and turns line breaks into <br/>', () => {
    expect(escapeHtml(`a & <b> "c" 'd'`)).toBe(`a &amp; &lt;b&gt; &quot;c&quot; 'd'`);
    expect(toWireText('line 1\nline 2\r\nline 3')).toBe('line 1<br/>line 2<br/>line 3');
  });

  it('turns emoji into spans, drops the variation selector, joins a flag into one span', () => {
    expect(emojiToSpans('hi 👍')).toBe('hi <span class="emoji emoji1f44d"></span>');
    expect(emojiToSpans('☀️')).toBe('<span class="emoji emoji2600"></span>');
    expect(emojiToSpans('🇨🇳')).toBe('<span class="emoji emoji1f1e81f1f3"></span>');
    expect(emojiToSpans('中文 text')).toBe('中文 text');
  });

  it('reproduces the server quirks: cat faces for some smileys, and the span of 1f450 without its >', () => {
    expect(emojiToSpans('😁')).toBe('<span class="emoji emoji1f63c"></span>');
    expect(emojiToSpans('👐')).toBe('<span class="emoji emoji1f450"></span');
  });

  it('names keep their characters (no escaping) but get emoji spans', () => {
    expect(toWireName('Eve🌙 & co')).toBe('Eve<span class="emoji emoji1f319"></span> & co');
    expect(toWireText('Eve🌙 & co')).toBe('Eve<span class="emoji emoji1f319"></span> &amp; co');
  });
});
