import fc from 'fast-check';
import { MAX_FILE_NAME_BYTES, safeFileName } from '../../src/util/safe-file-name';

const UNSAFE = /[/\\<>:"|?*\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('safeFileName', () => {
  it('keeps ordinary names as they are', () => {
    for (const name of ['report.pdf', '年报 2024.xlsx', 'photo (1).JPG', 'a.b.c.tar.gz', 'Zoë’s notes.md', '😀.png']) expect(safeFileName(name, 'f')).toBe(name);
  });

  it('keeps the base name only', () => {
    expect(safeFileName('../../.ssh/authorized_keys', 'f')).toBe('authorized_keys');
    expect(safeFileName('C:\\Users\\x\\evil.bat', 'f')).toBe('evil.bat');
    expect(safeFileName('dir/', 'f')).toBe('dir');
  });

  it('falls back when nothing usable is left', () => {
    for (const name of ['', '.', '..', '../..', '/', '\\', '   ', '\u202e', '\u0000', '. .']) expect(safeFileName(name, 'fallback.bin')).toBe('fallback.bin');
    expect(safeFileName(undefined, 'x')).toBe('x');
    expect(safeFileName(42, 'x')).toBe('x');
  });

  it('drops control, bidi and zero-width characters and lone surrogates', () => {
    expect(safeFileName('report\u202Egnp.exe', 'f')).toBe('reportgnp.exe');
    expect(safeFileName('a\u0000b\r\n.txt', 'f')).toBe('ab.txt');
    expect(safeFileName('x\ud800y.txt', 'f')).toBe('xy.txt');
  });

  it('avoids Windows device names, whatever the extension and case', () => {
    expect(safeFileName('CON', 'f')).toBe('_CON');
    expect(safeFileName('aux.tar.gz', 'f')).toBe('_aux.tar.gz');
    expect(safeFileName('com1.txt', 'f')).toBe('_com1.txt');
    expect(safeFileName('console.txt', 'f')).toBe('console.txt');
  });

  it('caps the length in UTF-8 bytes and keeps a sane extension', () => {
    const long = safeFileName(`${'a'.repeat(1000)}.docx`, 'f');
    expect(long).toBe(`${'a'.repeat(MAX_FILE_NAME_BYTES - 5)}.docx`);
    const wide = safeFileName(`${'😀'.repeat(300)}.png`, 'f');
    expect(Buffer.byteLength(wide)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(wide.endsWith('.png')).toBe(true);
    // An "extension" that is not one (too long, spaces) is cut like the rest of the name.
    expect(Buffer.byteLength(safeFileName(`x.${'y'.repeat(500)}`, 'f'))).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
  });

  it('a 10 MB name is handled in one pass', () => {
    expect(safeFileName(`${' '.repeat(10_000_000)}x.txt`, 'f')).toBe('x.txt');
    expect(safeFileName(`x${' '.repeat(10_000_000)}y`, 'f').length).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
  });

  it('any string becomes one safe, non-empty path segment', () => {
    const nasty = fc.constantFrom('/', '\\', '.', '..', ' ', '\u0000', '\u001b', '\u202e', '\u2066', '\u200b', '\ud800', '\udc00', 'CON', ':', '😀', '中', 'a', '.txt');
    const name = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: nasty, maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 100 }));
    fc.assert(
      fc.property(name, (raw) => {
        const safe = safeFileName(raw, 'fallback');
        expect(safe.length).toBeGreaterThan(0);
        expect(safe).not.toMatch(UNSAFE);
        expect(safe).not.toMatch(LONE_SURROGATE);
        expect(safe.startsWith('.')).toBe(false);
        expect(safe).not.toMatch(/[ .]$/);
        expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        expect(safeFileName(safe, 'fallback')).toBe(safe);
      }),
      { numRuns: 200 },
    );
  });
});
