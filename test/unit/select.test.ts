import { describe, expect, test } from 'vitest';
import { backupsIn, databaseNames, dateBound, selectBackup, unambiguous } from '../../src/core/select.js';

const objects = [
  'production/app_production_20250101_030000.dump.zst',
  'production/app_production_20250101_030000.dump.zst.sha256',
  'production/app_production_20250102_030000.dump.zst',
  'production/app_production_20250102_030000.dump.zst.sha256',
  'production/app_production_20250102_030000.dump.zst.meta',
  'production/app_production_20250103_030000.dump.zst', // no checksum: a broken run of an old version
  'production/other_production_20250104_030000.dump.zst',
  'production/other_production_20250104_030000.dump.zst.sha256',
  'production/app_staging_20250105_030000.dump.zst',
  'production/latest.json',
  'production/latest-backup.dump.zst',
].map((key) => ({ key, size: 10 }));

const app = backupsIn(objects, { name: 'app', environment: 'production' });

describe('backupsIn', () => {
  test('backups of the same second (…_2, …_10) are listed with their sidecars, newest first; claims are not backups', () => {
    const same = [
      'p/app_e_20250101_030000.dump.zst',
      'p/app_e_20250101_030000.dump.zst.sha256',
      'p/app_e_20250101_030000_2.dump.zst',
      'p/app_e_20250101_030000_2.dump.zst.sha256',
      'p/app_e_20250101_030000_2.dump.zst.meta',
      'p/app_e_20250101_030000_10.dump.zst',
      'p/app_e_20250101_030000_10.dump.zst.sha256',
      'p/app_e_20250101_030000_9.dump.zst',
      'p/.claims/app_e_20250101_030000_11.dump.zst/0f5a1c9e-run',
    ].map((key) => ({ key, size: 1 }));
    expect(
      backupsIn(same, { name: 'app', environment: 'e' }).map((b) => [
        b.key.slice(2),
        b.seq,
        b.hasChecksum,
        b.hasManifest,
      ]),
    ).toEqual([
      ['app_e_20250101_030000_10.dump.zst', 10, true, false],
      ['app_e_20250101_030000_9.dump.zst', 9, false, false],
      ['app_e_20250101_030000_2.dump.zst', 2, true, true],
      ['app_e_20250101_030000.dump.zst', 1, true, false],
    ]);
    expect(selectBackup(backupsIn(same, { name: 'app', environment: 'e' }), 'latest').key).toBe(
      'p/app_e_20250101_030000_10.dump.zst',
    );
    expect(
      selectBackup(backupsIn(same, { name: 'app', environment: 'e' }), 'app_e_20250101_030000_2.dump.zst').seq,
    ).toBe(2);
    // latest naming an object that is gone: the newest complete backup (object, .sha256 and .meta)
    expect(
      selectBackup(backupsIn(same, { name: 'app', environment: 'e' }), 'latest', 'p/app_e_20250101_030000_11.dump.zst')
        .key,
    ).toBe('p/app_e_20250101_030000_2.dump.zst');
  });

  test('keeps our backups of one name and environment, newest first, with sidecar status', () => {
    expect(app.map((b) => [b.stamp, b.hasChecksum, b.hasManifest])).toEqual([
      ['20250103_030000', false, false],
      ['20250102_030000', true, true],
      ['20250101_030000', true, false],
    ]);
  });
  test('without a name, every database of the environment', () => {
    expect(backupsIn(objects, { environment: 'production' }).map((b) => b.stem)).toEqual([
      'other_production',
      'app_production',
      'app_production',
      'app_production',
    ]);
  });
});

describe('selectBackup', () => {
  test.each([
    [1, 'latest', undefined, '20250102_030000'], // newest with a checksum
    [2, 'latest', 'production/app_production_20250101_030000.dump.zst', '20250101_030000'], // latest.json wins
    [3, '20250101', undefined, '20250101_030000'],
    [4, '20250102', undefined, '20250102_030000'],
    [5, '20250102_025959', undefined, '20250101_030000'],
    [6, '20250102_030000', undefined, '20250102_030000'],
    [7, '2025-01-02T03:00:00Z', undefined, '20250102_030000'],
    [8, '2025-01-02T02:00:00-02:00', undefined, '20250102_030000'],
    [9, '2025-01-01', undefined, '20250101_030000'],
    [10, 'production/app_production_20250101_030000.dump.zst', undefined, '20250101_030000'],
    [11, 'app_production_20250102_030000.dump.zst', undefined, '20250102_030000'],
    [12, 'production/app_production_20250103_030000.dump.zst', undefined, '20250103_030000'], // explicit key: restore refuses it later
  ])('%i: %s', (_n, selector, latest, expected) => {
    expect(selectBackup(app, selector, latest).stamp).toBe(expected);
  });

  test.each([
    [1, '20241231', /no backup at or before 20241231/],
    [2, 'production/app_production_20240101_030000.dump.zst', /was not found/],
    [3, 'yesterday', /is not latest, a key, or a date/],
  ])('%i: %s fails with one clear line', (_n, selector, message) => {
    expect(() => selectBackup(app, selector)).toThrow(message);
  });

  test('empty prefix says so', () => {
    expect(() => selectBackup([], 'latest')).toThrow(/there are no backups under this prefix/);
  });

  test('dateBound of a day is its last millisecond', () => {
    expect(dateBound('20250130')?.toISOString()).toBe('2025-01-30T23:59:59.999Z');
    expect(dateBound('nonsense')).toBeUndefined();
  });
});

describe('latest under a prefix that holds several databases', () => {
  const all = backupsIn(objects, { environment: 'production' });
  const where = { environment: 'production', prefix: 'production' };

  test('the databases are named', () => {
    expect(databaseNames(all, 'production')).toEqual(['app', 'other']);
  });
  test.each(['latest', '20250105'])('%s without a name is refused, naming them and how to choose', (selector) => {
    expect(() => unambiguous(all, selector, where)).toThrow(
      `backup: "${selector}" is ambiguous: prefix "production" holds backups of 2 databases (app, other); choose one with name: app, or give a backup key`,
    );
  });
  test('a key is never ambiguous; a name chooses', () => {
    expect(unambiguous(all, 'production/other_production_20250104_030000.dump.zst', where)).toHaveLength(all.length);
    expect(unambiguous(app, 'latest', { ...where, name: 'app' })).toBe(app);
  });
  test('the globals are not a database, and never a latest', () => {
    const withGlobals = backupsIn(
      [
        'p/app_production_20250101_030000.dump.zst',
        'p/app_production_20250101_030000.dump.zst.sha256',
        'p/_globals_production_20250101_030000.sql.zst',
        'p/_globals_production_20250101_030000.sql.zst.sha256',
      ].map((key) => ({ key, size: 1 })),
      { environment: 'production', withGlobals: true },
    );
    expect(withGlobals).toHaveLength(2);
    const chosen = unambiguous(withGlobals, 'latest', { environment: 'production', prefix: 'p' });
    expect(chosen.map((b) => b.stem)).toEqual(['app_production']);
  });
});
