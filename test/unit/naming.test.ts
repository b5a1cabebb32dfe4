import { describe, expect, test } from 'vitest';
import {
  backupKey, checksumLine, extensionFor, latestCopyKey, latestPointerKey, parseBackupKey, parseChecksumLine, stamp,
} from '../../src/naming.js';

const at = new Date(Date.UTC(2025, 0, 30, 12, 0, 0));

describe('backupKey', () => {
  test.each([
    [1, { prefix: 'production', format: 'plain', compression: 'gzip' }, 'production/shiftmanager_production_20250130_120000.sql.gz'],
    [2, { prefix: 'production', format: 'plain', compression: 'zstd' }, 'production/shiftmanager_production_20250130_120000.sql.zst'],
    [3, { prefix: 'production', format: 'plain', compression: 'none' }, 'production/shiftmanager_production_20250130_120000.sql'],
    [4, { prefix: 'production', format: 'custom', compression: 'zstd' }, 'production/shiftmanager_production_20250130_120000.dump.zst'],
    [5, { prefix: 'production', format: 'custom', compression: 'gzip' }, 'production/shiftmanager_production_20250130_120000.dump.gz'],
    [6, { prefix: 'production', format: 'custom', compression: 'none' }, 'production/shiftmanager_production_20250130_120000.dump'],
    [7, { prefix: '/a/b/', format: 'custom', compression: 'zstd' }, 'a/b/shiftmanager_production_20250130_120000.dump.zst'],
    [8, { prefix: '', format: 'custom', compression: 'zstd' }, 'shiftmanager_production_20250130_120000.dump.zst'],
  ] as const)('%i: %j → %s', (_n, o, key) => {
    expect(backupKey({ ...o, name: 'shiftmanager', environment: 'production', at })).toBe(key);
  });
});

describe('parseBackupKey', () => {
  test.each([
    [1, 'production/shiftmanager_production_20250130_120000.sql.gz', { stem: 'shiftmanager_production', format: 'plain', compression: 'gzip', stamp: '20250130_120000' }],
    [2, 'a/b/my_db_staging_20251231_235959.dump.zst.age', { stem: 'my_db_staging', format: 'custom', compression: 'zstd', encryption: 'age', prefix: 'a/b' }],
    [3, 'db_prod_20250101_000000.dump', { prefix: '', compression: 'none' }],
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
  ])('%i: %s is not a backup', (_n, key) => {
    expect(parseBackupKey(key)).toBeUndefined();
  });

  test('round trip', () => {
    const key = backupKey({ prefix: 'p', name: 'n', environment: 'e', at, format: 'custom', compression: 'zstd' });
    expect(parseBackupKey(key)?.at).toEqual(at);
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
