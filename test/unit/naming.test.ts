import { describe, expect, test } from 'vitest';
import {
  backupKey,
  checksumKey,
  checksumLine,
  claimObjectKey,
  claimsPrefix,
  extensionFor,
  isClaimKey,
  latestCopyKey,
  latestPointerKey,
  manifestKey,
  newestFirst,
  parseBackupKey,
  parseChecksumLine,
  stamp,
} from '../../src/core/naming.js';

const at = new Date(Date.UTC(2025, 0, 30, 12, 0, 0));

describe('backupKey', () => {
  test.each([
    [
      1,
      { prefix: 'production', format: 'plain', compression: 'gzip' },
      'production/shiftmanager_production_20250130_120000.sql.gz',
    ],
    [
      2,
      { prefix: 'production', format: 'plain', compression: 'zstd' },
      'production/shiftmanager_production_20250130_120000.sql.zst',
    ],
    [
      3,
      { prefix: 'production', format: 'plain', compression: 'none' },
      'production/shiftmanager_production_20250130_120000.sql',
    ],
    [
      4,
      { prefix: 'production', format: 'custom', compression: 'zstd' },
      'production/shiftmanager_production_20250130_120000.dump.zst',
    ],
    [
      5,
      { prefix: 'production', format: 'custom', compression: 'gzip' },
      'production/shiftmanager_production_20250130_120000.dump.gz',
    ],
    [
      6,
      { prefix: 'production', format: 'custom', compression: 'none' },
      'production/shiftmanager_production_20250130_120000.dump',
    ],
    [
      7,
      { prefix: '/a/b/', format: 'custom', compression: 'zstd' },
      'a/b/shiftmanager_production_20250130_120000.dump.zst',
    ],
    [8, { prefix: '', format: 'custom', compression: 'zstd' }, 'shiftmanager_production_20250130_120000.dump.zst'],
  ] as const)('%i: %j → %s', (_n, o, key) => {
    expect(backupKey({ ...o, name: 'shiftmanager', environment: 'production', at })).toBe(key);
  });

  test.each([
    [1, 1, 'production/shiftmanager_production_20250130_120000.dump.zst'],
    [2, 2, 'production/shiftmanager_production_20250130_120000_2.dump.zst'],
    [3, 3, 'production/shiftmanager_production_20250130_120000_3.dump.zst'],
    [4, 10, 'production/shiftmanager_production_20250130_120000_10.dump.zst'],
  ])('%i: the backup number %i of a second → %s (a suffix only when the plain key is taken)', (_n, seq, key) => {
    expect(
      backupKey({
        prefix: 'production',
        name: 'shiftmanager',
        environment: 'production',
        at,
        format: 'custom',
        compression: 'zstd',
        seq,
      }),
    ).toBe(key);
  });

  test('the suffix goes before the whole extension, encryption included', () => {
    expect(
      backupKey({
        prefix: 'p',
        name: 'db',
        environment: 'e',
        at,
        format: 'plain',
        compression: 'gzip',
        encryption: 'age',
        seq: 2,
      }),
    ).toBe('p/db_e_20250130_120000_2.sql.gz.age');
  });

  test.each([[0], [-1], [1.5], [Number.NaN]])('sequence %s is refused', (seq) => {
    expect(() =>
      backupKey({ prefix: 'p', name: 'db', environment: 'e', at, format: 'custom', compression: 'zstd', seq }),
    ).toThrow(RangeError);
  });
});

describe('parseBackupKey', () => {
  test.each([
    [
      1,
      'production/shiftmanager_production_20250130_120000.sql.gz',
      { stem: 'shiftmanager_production', format: 'plain', compression: 'gzip', stamp: '20250130_120000' },
    ],
    [
      2,
      'a/b/my_db_staging_20251231_235959.dump.zst.age',
      { stem: 'my_db_staging', format: 'custom', compression: 'zstd', encryption: 'age', prefix: 'a/b' },
    ],
    [3, 'db_prod_20250101_000000.dump', { prefix: '', compression: 'none', seq: 1 }],
    [
      4,
      'production/shop_production_20250130_120000_2.dump.zst',
      { stem: 'shop_production', stamp: '20250130_120000', seq: 2, format: 'custom', compression: 'zstd' },
    ],
    [
      5,
      'production/shop_production_20250130_120000_17.sql.gz.gpg',
      { stem: 'shop_production', seq: 17, format: 'plain', compression: 'gzip', encryption: 'gpg', ext: '.sql.gz.gpg' },
    ],
    [6, 'p/my_db_2_staging_20250130_120000_3.dump', { stem: 'my_db_2_staging', seq: 3 }], // digits in the name stay in the stem
  ] as const)('%i: %s', (_n, key, expected) => {
    expect(parseBackupKey(key)).toMatchObject(expected);
  });

  test.each([
    [1, 'production/latest.json'],
    [2, 'production/latest-backup.sql.gz'],
    [3, 'production/db_prod_20250130_120000.sql.gz.sha256'],
    [4, 'production/db_prod_20250130_120000.dump.zst.meta'],
    [5, 'production/db_prod_20251340_120000.dump'], // month 13
    [6, 'production/db_prod_20250230_120000.dump'], // 30 February
    [7, 'production/db_prod_20250130_120000.tar'],
    [8, 'production/db_prod_20250130_120000_1.dump'], // the first backup of a second has no suffix
    [9, 'production/db_prod_20250130_120000_02.dump'],
    [10, 'production/db_prod_20250130_120000_.dump'],
    [11, 'production/db_prod_20250130_120000_2.dump.zst.sha256'],
    [12, 'production/db_prod_20250130_120000_2.dump.zst.meta'],
    [13, 'production/.claims/db_prod_20250130_120000.dump.zst/0b6a4cf2-4d0e-4f5e-9a43-3f1de4b2a7d1'],
  ])('%i: %s is not a backup', (_n, key) => {
    expect(parseBackupKey(key)).toBeUndefined();
  });

  test('round trip', () => {
    const key = backupKey({ prefix: 'p', name: 'n', environment: 'e', at, format: 'custom', compression: 'zstd' });
    expect(parseBackupKey(key)?.at).toEqual(at);
    for (const seq of [1, 2, 9, 10, 123]) {
      const k = backupKey({
        prefix: 'p',
        name: 'n',
        environment: 'e',
        at,
        format: 'plain',
        compression: 'zstd',
        encryption: 'age',
        seq,
      });
      expect(parseBackupKey(k)).toMatchObject({ key: k, at, seq, stem: 'n_e' });
      expect(parseBackupKey(checksumKey(k))).toBeUndefined();
      expect(parseBackupKey(manifestKey(k))).toBeUndefined();
    }
  });
});

describe('newestFirst', () => {
  const keyAt = (s: string, seq = 1) =>
    backupKey({
      prefix: 'p',
      name: 'db',
      environment: 'e',
      at: new Date(s),
      format: 'custom',
      compression: 'zstd',
      seq,
    });
  test("by time, then by the number within one second (…_10 after …_9), never by the key's spelling", () => {
    const keys = [
      keyAt('2025-01-30T12:00:00Z'),
      keyAt('2025-01-30T12:00:00Z', 10),
      keyAt('2025-01-30T12:00:01Z'),
      keyAt('2025-01-30T12:00:00Z', 9),
      keyAt('2025-01-30T12:00:00Z', 2),
    ];
    const sorted = keys
      .map((k) => parseBackupKey(k)!)
      .sort(newestFirst)
      .map((p) => p.key.slice(2));
    expect(sorted).toEqual([
      'db_e_20250130_120001.dump.zst',
      'db_e_20250130_120000_10.dump.zst',
      'db_e_20250130_120000_9.dump.zst',
      'db_e_20250130_120000_2.dump.zst',
      'db_e_20250130_120000.dump.zst',
    ]);
  });
});

describe('key claims', () => {
  test.each([
    [
      1,
      'production/shop_production_20250130_120000.dump.zst',
      'production/.claims/shop_production_20250130_120000.dump.zst/',
    ],
    [2, 'a/b/shop_production_20250130_120000_2.dump.zst', 'a/b/.claims/shop_production_20250130_120000_2.dump.zst/'],
    [3, 'shop_production_20250130_120000.dump', '.claims/shop_production_20250130_120000.dump/'],
  ])('%i: the claims of %s are under %s', (_n, key, prefix) => {
    expect(claimsPrefix(key)).toBe(prefix);
    const claim = claimObjectKey(key, 'run-1');
    expect(claim).toBe(`${prefix}run-1`);
    expect(isClaimKey(claim)).toBe(true);
    expect(isClaimKey(key)).toBe(false);
    expect(parseBackupKey(claim)).toBeUndefined();
  });
  test("a claim folder is not under the prefix's own backups: one claim per key, one listing per key", () => {
    const a = claimsPrefix('p/db_e_20250130_120000.dump.zst');
    const b = claimsPrefix('p/db_e_20250130_120000_2.dump.zst');
    expect(a.startsWith('p/.claims/')).toBe(true);
    expect(b.startsWith(a)).toBe(false);
    expect(a.startsWith(b)).toBe(false);
  });
});

describe('sidecars', () => {
  test('checksum line is sha256sum -c format with the basename', () => {
    expect(checksumLine('a'.repeat(64), 'production/x_production_20250130_120000.sql.gz')).toBe(
      `${'a'.repeat(64)}  x_production_20250130_120000.sql.gz\n`,
    );
  });
  test.each([
    [1, `${'A'.repeat(64)}  file.gz\n`, { sha256: 'a'.repeat(64), file: 'file.gz' }],
    [2, `${'b'.repeat(64)} *file.gz`, { sha256: 'b'.repeat(64), file: 'file.gz' }],
    [3, 'not a checksum', undefined],
    [4, `${'c'.repeat(63)}  short`, undefined],
  ])('%i: parseChecksumLine(%j)', (_n, text, expected) => {
    expect(parseChecksumLine(text)).toEqual(expected);
  });
  test('pointers', () => {
    expect(latestPointerKey('production')).toBe('production/latest.json');
    expect(latestCopyKey('production', extensionFor('plain', 'gzip'))).toBe('production/latest-backup.sql.gz');
    expect(stamp(new Date(Date.UTC(2025, 11, 31, 23, 59, 59)))).toBe('20251231_235959');
  });
});
