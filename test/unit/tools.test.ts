import { describe, expect, test } from 'vitest';
import { chooseBin, parseToolVersion } from '../../src/postgres/tools.js';
import { parseZstdSizes, planCompressor, planDecompressor } from '../../src/stream/compress.js';

test.each([
  ['pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)', { major: 15, version: '15.18' }],
  ['pg_dump (PostgreSQL) 18.1', { major: 18, version: '18.1' }],
  ['pg_restore (PostgreSQL) 17beta2', { major: 17, version: '17' }],
  ['pg_dump (PostgreSQL) 9.6.24', { major: 9, version: '9.6.24' }],
  ['something else', undefined],
])('parseToolVersion(%s)', (text, expected) => expect(parseToolVersion(text)).toEqual(expected));

describe('chooseBin: the oldest client that can dump the server', () => {
  const found = [
    { dir: '/usr/lib/postgresql/18/bin', major: 18, version: '18.1' },
    { dir: '/usr/bin', major: 15, version: '15.18' },
    { dir: '/usr/lib/postgresql/16/bin', major: 16, version: '16.4' },
  ];
  test.each([
    [1, 15, '/usr/bin'],
    [2, 16, '/usr/lib/postgresql/16/bin'],
    [3, 17, '/usr/lib/postgresql/18/bin'],
    [4, 18, '/usr/lib/postgresql/18/bin'],
    [5, 19, undefined],
    [6, 0, '/usr/bin'],
  ])('%i: server %i → %s', (_n, server, dir) => expect(chooseBin(found, server)?.dir).toBe(dir));
});

describe('compression plans', () => {
  test.each([
    [1, 'zstd', 3, { zstd: '/usr/bin/zstd', nodeZstd: true }, 'process', 'zstd -3 -T0'],
    [2, 'zstd', 9, { nodeZstd: true }, 'stream', 'zstd -9 (node:zlib)'],
    [3, 'gzip', 6, { zstd: '/usr/bin/zstd', nodeZstd: true }, 'stream', 'gzip -6 (node:zlib)'],
    [4, 'none', 0, { nodeZstd: false }, 'none', 'none'],
  ] as const)('%i: %s -%i', (_n, method, level, available, kind, label) => {
    const plan = planCompressor(method, level, available);
    expect([plan.kind, plan.label]).toEqual([kind, label]);
  });
  test('zstd with neither binary nor Node support is one clear line', () => {
    expect(() => planCompressor('zstd', 3, { nodeZstd: false })).toThrow(
      /^compression: zstd is not available .*install zstd, or use compression: gzip$/,
    );
    expect(() => planDecompressor('zstd', { nodeZstd: false })).toThrow(/this backup is zstd-compressed/);
  });
  test.each([
    ['/*stdin*\\            :  0.00%   (300000000 B =>   9420 B, /*stdout*\\) ', { raw: 300000000, compressed: 9420 }],
    ['stdin : 10.00%   (1000 => 100 bytes, /*stdout*\\)', { raw: 1000, compressed: 100 }],
    ['Completed', undefined],
  ])('parseZstdSizes(%j)', (text, expected) => expect(parseZstdSizes(text)).toEqual(expected));
});
