import { describe, expect, it } from '@jest/globals';
import { uuid7 } from '../../lib/util/uuid7';

const SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const millisOf = (id: string): number => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('uuid7', () => {
  it('is a version 7, RFC 9562 variant UUID whose first 48 bits are the Unix time in milliseconds', () => {
    const before = Date.now();
    const ids = Array.from({ length: 2000 }, () => uuid7());
    const after = Date.now();
    for (const id of ids) {
      expect(id).toMatch(SHAPE);
      expect(millisOf(id)).toBeGreaterThanOrEqual(before);
      expect(millisOf(id)).toBeLessThanOrEqual(after);
    }
  });

  it('writes the 48-bit time big-endian as the first 12 hex digits, for any millisecond up to 2^48 - 1', () => {
    expect(uuid7(0x0123_4567_89ab).slice(0, 15)).toBe('01234567-89ab-7');
    expect(uuid7(0xffff_ffff_ffff).slice(0, 15)).toBe('ffffffff-ffff-7');
    expect(uuid7(0).slice(0, 15)).toBe('00000000-0000-7');
    expect(uuid7(0x1_0000_0000).slice(0, 15)).toBe('00010000-0000-7');
    for (const ms of [1, 255, 256, 0xffff_ffff, 1_732_960_000_123, 2 ** 47 + 12_345]) {
      const id = uuid7(ms);
      expect(id).toMatch(SHAPE);
      expect(millisOf(id)).toBe(ms);
    }
  });

  it('never repeats, and ids made in later milliseconds sort after earlier ones', async () => {
    const first = Array.from({ length: 5000 }, () => uuid7());
    expect(new Set(first).size).toBe(first.length);
    const start = Date.now();
    while (Date.now() === start) await new Promise((resolve) => setTimeout(resolve, 1));
    const later = uuid7();
    for (const id of first) expect(id < later).toBe(true);
  });

  it('spreads its random bits over every hex digit they cover', () => {
    const seen = Array.from({ length: 36 }, () => new Set<string>());
    for (let i = 0; i < 4000; i++) [...uuid7()].forEach((c, k) => seen[k]!.add(c));
    // rand_a (3 digits after the version) and rand_b (the variant digit's low bits and the 15 after it).
    for (const k of [15, 16, 17, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35]) expect(seen[k]!.size).toBe(16);
    expect([...seen[19]!].sort()).toEqual(['8', '9', 'a', 'b']);
    expect([...seen[14]!]).toEqual(['7']);
  });
});
