// A set made by the jobs of a matrix: the databases grouped by size, the matrix, the set id and its inputs (pure).
import { describe, expect, test } from 'vitest';
import { groupBySize, matrixOf, parseSetId, stampTime } from '../../src/core/matrix-plan.js';
import { parseSetCloseOptions, parseSetIdInput } from '../../src/options/set-plan.js';
import type { SizedDatabase } from '../../src/model/set-plan.js';

const db = (database: string, size: number): SizedDatabase => ({ database, name: database, size });
const shape = (dbs: SizedDatabase[], max: number) =>
  groupBySize(dbs, max).map((g) => [g.group, g.size, g.databases.map((d) => d.database)]);

describe('groupBySize', () => {
  test.each([
    ['one database, four jobs: one group', [db('a', 5)], 4, [['1', 5, ['a']]]],
    [
      'three databases, three jobs: one each, largest first',
      [db('a', 1), db('b', 3), db('c', 2)],
      3,
      [
        ['1', 3, ['b']],
        ['2', 2, ['c']],
        ['3', 1, ['a']],
      ],
    ],
    [
      'one large and several small: the small ones share the other job',
      [db('big', 100), db('s1', 10), db('s2', 20), db('s3', 30)],
      2,
      [
        ['1', 100, ['big']],
        ['2', 60, ['s3', 's2', 's1']],
      ],
    ],
    [
      'balanced: 8,7,6,5,4 into two jobs → 8+5+4 and 7+6 (each to the lightest group)',
      [db('a', 8), db('b', 7), db('c', 6), db('d', 5), db('e', 4)],
      2,
      [
        ['1', 17, ['a', 'd', 'e']],
        ['2', 13, ['b', 'c']],
      ],
    ],
    [
      'equal sizes: by name, round the groups',
      [db('d', 0), db('b', 0), db('c', 0), db('a', 0)],
      2,
      [
        ['1', 0, ['a', 'c']],
        ['2', 0, ['b', 'd']],
      ],
    ],
  ])('%s', (_, dbs, max, expected) => {
    expect(shape(dbs, max)).toEqual(expected);
  });

  test('every database in exactly one group, never more groups than max-jobs, none empty', () => {
    const dbs = Array.from({ length: 23 }, (_, i) => db(`db${i}`, (i * 7919) % 1000));
    for (const max of [1, 2, 5, 23, 40]) {
      const groups = groupBySize(dbs, max);
      expect(groups).toHaveLength(Math.min(max, dbs.length));
      expect(groups.every((g) => g.databases.length > 0)).toBe(true);
      expect(groups.flatMap((g) => g.databases.map((d) => d.database)).sort()).toEqual(
        dbs.map((d) => d.database).sort(),
      );
      for (const g of groups) expect(g.size).toBe(g.databases.reduce((s, d) => s + d.size, 0));
    }
  });

  test('no group larger than the ideal share plus the largest database (the greedy bound)', () => {
    const dbs = [900, 850, 400, 300, 300, 120, 80, 40, 10, 5].map((s, i) => db(`x${i}`, s));
    const groups = groupBySize(dbs, 3);
    const ideal = dbs.reduce((s, d) => s + d.size, 0) / 3;
    expect(Math.max(...groups.map((g) => g.size))).toBeLessThanOrEqual(ideal + 900);
    expect(Math.max(...groups.map((g) => g.size)) - Math.min(...groups.map((g) => g.size))).toBeLessThanOrEqual(900);
  });

  test('max-jobs below 1 is a bug of the caller', () => {
    expect(() => groupBySize([db('a', 1)], 0)).toThrow(RangeError);
  });
});

describe('matrixOf and the set id', () => {
  test('the matrix strategy.matrix reads: group and its databases comma-separated', () => {
    const groups = groupBySize([db('shop', 3), db('analytics', 2), db('plain', 1)], 2);
    expect(matrixOf(groups)).toEqual({
      include: [
        { group: '1', databases: 'shop' },
        { group: '2', databases: 'analytics,plain' },
      ],
    });
  });

  test.each([
    ['production_20261202_200000', { environment: 'production', stamp: '20261202_200000', seq: 1 }],
    ['dr_20261202_200000_3', { environment: 'dr', stamp: '20261202_200000', seq: 3 }],
    ['my_env_20261202_200000', { environment: 'my_env', stamp: '20261202_200000', seq: 1 }],
    ['production', undefined],
    ['sets/production_20261202_200000', undefined],
    ['production_20261202_2000', undefined],
  ])('parseSetId(%j)', (id, expected) => {
    expect(parseSetId(id)).toEqual(expected);
  });

  test('stampTime reads the stamp as UTC', () => {
    expect(stampTime('20261202_200501').toISOString()).toBe('2026-12-02T20:05:01.000Z');
  });
});

describe('set-id and members-timeout', () => {
  const raw = (given: Record<string, string>) => (name: string) => given[name];
  const place = { bucket: 'backups', 'database-url': 'postgresql://u:p@h/postgres' };

  test.each([
    [{ 'set-id': 'prod' }, 'production', /^set-id: "prod" is not a set id \(<environment>_<YYYYMMDD_HHMMSS>/],
    [
      { 'set-id': 'dr_20261202_200000' },
      'production',
      /^set-id: "dr_20261202_200000" was planned for environment "dr", not "production"/,
    ],
  ])('backup set-id refused: %j', (given, environment, line) => {
    expect(() => parseSetIdInput(raw(given), {}, environment)).toThrow(line);
  });

  test('set close: set-id required, members-timeout 0 or a duration', () => {
    expect(() => parseSetCloseOptions(raw(place), {})).toThrow(/^set-id: required/);
    const id = 'production_20261202_200000';
    expect(parseSetCloseOptions(raw({ ...place, 'set-id': id }), {})).toMatchObject({
      setId: id,
      membersTimeoutSeconds: 0,
    });
    expect(
      parseSetCloseOptions(raw({ ...place, 'set-id': id, 'members-timeout': '10m' }), {}).membersTimeoutSeconds,
    ).toBe(600);
    expect(() => parseSetCloseOptions(raw({ ...place, 'set-id': id, 'members-timeout': 'soon' }), {})).toThrow(
      /^members-timeout: "soon" is not a duration/,
    );
  });
});
