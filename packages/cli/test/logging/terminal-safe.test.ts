import { createLogger, terminalSafe } from '../../src/logging';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

// What a stranger can put in a nickname or a message: set the window title (OSC 0), write the
// clipboard (OSC 52), clear the screen, move the cursor up to overwrite lines, a one-byte C1 CSI,
// a carriage return, and a right-to-left override.
const HOSTILE = '\u001b]0;pwned\u0007\u001b]52;c;ZWNobyBoaQ==\u0007\u001b[2J\u001b[1A\u009b31mred\rfake line\u202egnp.exe';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal safety', () => {
  it('terminalSafe shows control and bidi characters as visible escapes, keeping tabs and newlines', () => {
    expect(terminalSafe('\u001b[2Jhi')).toBe('\\x1b[2Jhi');
    expect(terminalSafe('a\tb\nc')).toBe('a\tb\nc');
    expect(terminalSafe('x\u202ey\u0000\u009b')).toBe('x\\u202ey\\x00\\x9b');
    expect(terminalSafe(HOSTILE)).not.toMatch(RAW_CONTROL);
    expect(terminalSafe('中文 😀 Zoë')).toBe('中文 😀 Zoë');
  });

  it('pretty logs neutralise escape sequences in the message, in fields and in keys', () => {
    const out = capture();
    const log = createLogger({ pretty: true, colorize: false, destination: out.destination });
    log.info({ sender: HOSTILE, nested: { list: [HOSTILE] }, [`k\u001b[2J`]: 1 }, `from ${HOSTILE}`);
    const text = out.lines.join('');
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('\\x1b]0;pwned\\x07');
    expect(text).toContain('\\u202egnp.exe');
    expect(text).toContain('k\\x1b[2J');
  });

  it('colourised pretty logs keep only their own colour codes', () => {
    const out = capture();
    const log = createLogger({ pretty: true, colorize: true, destination: out.destination });
    log.warn({ nick: '\u001b]0;pwned\u0007' }, 'hello');
    const text = out.lines.join('');
    expect(text).not.toContain('\u001b]0;');
    expect(text).toContain('\\x1b]0;pwned\\x07');
  });

  it('JSON logs stay exact: the very same characters come back out of JSON.parse', () => {
    const out = capture();
    const log = createLogger({ pretty: false, destination: out.destination });
    log.info({ sender: HOSTILE }, HOSTILE);
    const line = JSON.parse(out.lines[0] ?? '{}') as { msg: string; sender: string };
    expect(line.msg).toBe(HOSTILE);
    expect(line.sender).toBe(HOSTILE);
  });
});
