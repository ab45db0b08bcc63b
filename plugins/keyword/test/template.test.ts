import { renderTemplate, unknownPlaceholders } from '../src/template';

describe('templates', () => {
  it('lists unknown placeholders and leaves missing groups empty', () => {
    expect(unknownPlaceholders('{sender} {match[3]} {x} {{y}}')).toEqual(['{x}']);
    expect(renderTemplate('[{match[3]}]', { sender: '', chat: '', text: '', match: ['a'] })).toBe('[]');
  });
  it('fills sender, chat, text, whole match, numbered and named groups; {{ and }} are literal braces', () => {
    const match = /(?<year>\d{4})-(\d{2})/.exec('due 2024-05') as RegExpMatchArray;
    const values = { sender: 'Ann', chat: 'Team', text: 'due 2024-05', match };
    expect(renderTemplate('{sender}@{chat}: {text} / {match} / {match[2]} / {match.year}', values)).toBe('Ann@Team: due 2024-05 / 2024-05 / 05 / 2024');
    expect(renderTemplate('{{sender}} }}', values)).toBe('{sender} }');
    expect(renderTemplate('{match.month}', values)).toBe('');
    expect(renderTemplate('{match.year}', { ...values, match: ['x'] })).toBe('');
  });
  it('leaves an unknown placeholder as written', () => {
    expect(renderTemplate('hi {nme}', { sender: 'Ann', chat: '', text: '', match: [] })).toBe('hi {nme}');
    expect(unknownPlaceholders('{match.1x} {match[a]} {}')).toEqual(['{match.1x}', '{match[a]}', '{}']);
    expect(unknownPlaceholders('{{not}} {match.year} {match[12]}')).toEqual([]);
  });
});
