import { describe, expect, test } from 'vitest';
import { choosePartSize, MIB, taggingHeader } from '../../src/core/plan.js';

describe('choosePartSize', () => {
  test.each([
    [1, 0, 'zstd', undefined, 8 * MIB],
    [2, 10 * 2 ** 30, 'zstd', undefined, 8 * MIB], // 10 GiB: 8 MiB × 10,000 = 78 GiB covers it
    [7, 78 * 2 ** 30, 'zstd', undefined, 8 * MIB], // 78 GiB: still 8 MiB
    [8, 79 * 2 ** 30, 'zstd', undefined, 9 * MIB],
    [3, 200 * 2 ** 30, 'zstd', undefined, 21 * MIB], // 200 GiB needs 20.48 MiB → 21
    [4, 1 * 2 ** 40, 'gzip', undefined, 105 * MIB],
    [5, 100 * 2 ** 30, 'none', undefined, 21 * MIB], // uncompressed: twice the room
    [6, 1 * 2 ** 40, 'zstd', 64 * MIB, 64 * MIB], // explicit wins
  ] as const)('%i: %d bytes %s → %d', (_n, size, compression, override, expected) => {
    const part = choosePartSize(size, compression, override);
    expect(part).toBe(expected);
    if (!override) expect(part * 10_000).toBeGreaterThanOrEqual(size);
  });
});

test("choosePartSize: the streams of a multi-stream backup take S3's smallest part, but cover their database", () => {
  expect(choosePartSize(10 * 2 ** 30, 'zstd', undefined, 10_000, 5 * MIB)).toBe(5 * MIB);
  expect(choosePartSize(200 * 2 ** 30, 'zstd', undefined, 10_000, 5 * MIB)).toBe(21 * MIB);
});

test('taggingHeader encodes keys and values', () => {
  expect(taggingHeader({})).toBeUndefined();
  expect(taggingHeader({ team: 'data eng', 'a&b': 'x=y' })).toBe('team=data%20eng&a%26b=x%3Dy');
});
