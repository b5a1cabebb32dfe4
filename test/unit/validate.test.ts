import { describe, expect, test } from 'vitest';
import { compareToManifest } from '../../src/core/compare.js';
import { isTruthy, splitStatements } from '../../src/core/sql.js';
import type { Manifest } from '../../src/model/manifest.js';
import type { Catalog } from '../../src/model/catalog.js';

describe('splitStatements', () => {
  test.each([
    [1, 'SELECT 1; SELECT 2', ['SELECT 1', 'SELECT 2']],
    [2, "SELECT ';' = ';';", ["SELECT ';' = ';'"]],
    [3, 'SELECT "a;b" FROM t;', ['SELECT "a;b" FROM t']],
    [4, 'SELECT $$;$$; SELECT $tag$ ; $$ ; $tag$', ['SELECT $$;$$', 'SELECT $tag$ ; $$ ; $tag$']],
    [5, '-- only a comment;\n', []],
    [6, '/* a; b */ SELECT 1;;', ['/* a; b */ SELECT 1']],
    [7, "SELECT 'it''s;' ;\n\n", ["SELECT 'it''s;'"]],
    [8, '', []],
  ])('%i: %j', (_n, sql, expected) => expect(splitStatements(sql)).toEqual(expected));
});

test.each([
  [true, true],
  [false, false],
  [1, true],
  [0, false],
  ['t', true],
  ['f', false],
  ['42', true],
  ['0', false],
  [null, false],
  ['yes', true],
  [2n, true],
])('isTruthy(%s) = %s', (value, expected) => expect(isTruthy(value)).toBe(expected));

const table = (name: string, rows: number | null, kind: 'table' | 'partitioned' | 'matview' = 'table') => ({
  schema: 'public',
  name,
  kind,
  rows,
  columns: [{ name: 'id', type: 'integer' }],
});
const manifest = {
  rowCounts: 'exact',
  schemas: ['public'],
  tables: [table('a', 10), table('p', null, 'partitioned'), table('mv', null, 'matview')],
  sequences: [{ schema: 'public', name: 'a_id_seq', lastValue: '1000' }],
  extensions: [{ name: 'hstore', version: '1.8', schema: 'public' }],
  largeObjects: 2,
  database: { serverMajor: 15 },
} as unknown as Manifest;
const catalog = (over: Partial<Catalog> = {}): Catalog => ({
  schemas: ['public'],
  tables: [table('a', 10), table('p', null, 'partitioned'), table('mv', null, 'matview')],
  sequences: [{ schema: 'public', name: 'a_id_seq', lastValue: '1000' }],
  extensions: [{ name: 'hstore', version: '1.8', schema: 'public' }],
  largeObjects: 2,
  roles: [],
  ...over,
});
const failed = (m: Manifest, c: Catalog, sameMajor = true) =>
  compareToManifest(m, c, { sameMajor })
    .checks.filter((x) => !x.ok)
    .map((x) => `${x.check}: ${x.expected} ≠ ${x.found}`);

describe('compareToManifest', () => {
  test('identical: every check passes, rows counted once for real tables', () => {
    const r = compareToManifest(manifest, catalog(), { sameMajor: true });
    expect(r.checks.every((c) => c.ok)).toBe(true);
    expect([r.tablesChecked, r.rowsChecked]).toEqual([3, 10]);
  });
  test.each([
    [
      1,
      catalog({ tables: [table('a', 9), table('p', null, 'partitioned'), table('mv', null, 'matview')] }),
      ['rows of public.a: 10 ≠ 9'],
    ],
    [
      2,
      catalog({ tables: [table('p', null, 'partitioned'), table('mv', null, 'matview')] }),
      ['table public.a: present ≠ missing'],
    ],
    [
      3,
      catalog({ tables: [...catalog().tables, table('extra', 1)] }),
      ['table public.extra: absent (not in the manifest) ≠ present'],
    ],
    [
      4,
      catalog({ sequences: [{ schema: 'public', name: 'a_id_seq', lastValue: '10' }] }),
      ['sequence public.a_id_seq: 1000 ≠ 10'],
    ],
    [5, catalog({ extensions: [] }), ['extension hstore: 1.8 ≠ missing']],
    [6, catalog({ largeObjects: 1 }), ['large objects: 2 ≠ 1']],
    [7, catalog({ schemas: [] }), ['schema public: present ≠ missing']],
    [
      8,
      catalog({
        tables: [
          { ...table('a', 10), columns: [{ name: 'id', type: 'bigint' }] },
          table('p', null, 'partitioned'),
          table('mv', null, 'matview'),
        ],
      }),
      ['columns of public.a: id integer ≠ id bigint'],
    ],
  ])('%i: a difference is named', (_n, found, expected) => expect(failed(manifest, found)).toEqual(expected));

  test('a newer major may install another extension version', () => {
    expect(
      failed(manifest, catalog({ extensions: [{ name: 'hstore', version: '1.9', schema: 'public' }] }), false),
    ).toEqual([]);
    expect(
      failed(manifest, catalog({ extensions: [{ name: 'hstore', version: '1.9', schema: 'public' }] }), true),
    ).toEqual(['extension hstore: 1.8 ≠ 1.9']);
  });
  test('estimated counts are not compared', () => {
    expect(
      failed(
        { ...manifest, rowCounts: 'estimate' } as Manifest,
        catalog({ tables: [table('a', 3), table('p', null, 'partitioned'), table('mv', null, 'matview')] }),
      ),
    ).toEqual([]);
  });
});
