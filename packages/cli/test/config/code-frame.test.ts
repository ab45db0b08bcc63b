import path from 'node:path';
import { codeFrame, syntaxErrorMessage } from '../../src/config/code-frame';

describe('code frames of syntax errors', () => {
  it('shows two lines either side with a caret under the column', () => {
    expect(codeFrame('a\nb(\nc', 2, 3)).toBe('  1 | a\n> 2 | b(\n    |   ^\n  3 | c');
    const source = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'].join('\n');
    expect(codeFrame(source, 4, 1)).toBe(['  2 | two', '  3 | three', '> 4 | four', '    | ^', '  5 | five', '  6 | six'].join('\n'));
  });

  it('widens the gutter for two-digit lines, keeps tabs under the caret and trims trailing blanks', () => {
    const source = Array.from({ length: 10 }, (_, i) => (i === 9 ? '\tfoo(  ' : `l${i + 1}`)).join('\r\n');
    expect(codeFrame(source, 10, 5)).toBe(['   8 | l8', '   9 | l9', '> 10 | \tfoo(', '     | \t   ^'].join('\n'));
  });

  it('writes file:line:column, the count of further errors, the frame and the fix', () => {
    const file = path.join(process.cwd(), 'bot.config.ts');
    const message = syntaxErrorMessage({ file, line: 1, column: 7, text: "')' expected.", source: 'export(', more: 2 });
    expect(message).toBe("bot.config.ts:1:7: syntax error: ')' expected. (and 2 more errors after it)\n> 1 | export(\n    |       ^\nFix: correct the code at that line and column, then save (with --watch) or start again.");
    const outside = path.resolve('/elsewhere/x.ts');
    expect(syntaxErrorMessage({ file: outside, line: 1, column: 1, text: 'x', source: 'y', more: 1 })).toMatch(new RegExp(`^${outside.replace(/[\\/.]/g, '\\$&')}:1:1: syntax error: x \\(and 1 more error after it\\)\\n`));
  });
});
