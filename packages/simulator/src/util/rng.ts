import { randomBytes } from 'node:crypto';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Small seedable PRNG (sfc32) owned by one
 * Simulator instance. Identifiers must be cheap to mint in bulk (50k contacts
 * get fresh UserNames on every login), which rules out one `randomBytes` call
 * per id; a seed makes scenarios reproducible in tests.
 *
 * @example
 * const rng = new Rng(42);
 * rng.hex(32); // '9f0c…'
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed?: number) {
    const s = seed ?? randomBytes(4).readUInt32LE(0);
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = s >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + (this.next() % (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.next() % items.length];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.next().toString(16).padStart(8, '0');
    return out.length === length ? out : out.slice(0, length);
  }

  digits(length: number): string {
    let out = '';
    while (out.length < length) out += String(this.next() % 10);
    return out;
  }

  /** Base64 alphabet characters (no padding). */
  base64(length: number): string {
    let out = '';
    while (out.length < length) out += B64[this.next() & 63];
    return out;
  }

  /**
   * A 19-digit decimal message id, always above 2^53 so that `NewMsgId`
   * reproduces the JavaScript rounding trap (docs/protocol.md 3.7).
   */
  msgId(): string {
    return String(this.int(1, 8)) + this.digits(18);
  }
}
