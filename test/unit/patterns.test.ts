import { describe, expect, test } from 'vitest';
import { parseNamePattern, matchesPattern, selectedBy } from '../../src/postgres/patterns.js';

describe('pg_dump name patterns', () => {
  test.each([
    [1, 'orders', 'public', 'orders', true],
    [2, 'orders', 'sales', 'orders', true], // no schema part: any schema
    [3, 'Orders', 'public', 'orders', true], // unquoted folds to lower case
    [4, '"Orders"', 'public', 'orders', false],
    [5, '"Sales Data"."Order Items"', 'Sales Data', 'Order Items', true],
    [6, 'audit.*', 'audit', 'log_2025', true],
    [7, 'audit.*', 'public', 'log_2025', false],
    [8, 'log_20??', 'public', 'log_2025', true],
    [9, 'log_20??', 'public', 'log_20255', false],
    [10, 'a.b', 'a', 'bb', false],
    [11, '"a.b"', 'public', 'a.b', true], // quoted dot is literal
    [12, 'db.public.t', 'public', 't', true],
    [13, 'public.t$', 'public', 't$', true], // regex characters are literal
    [14, '"we""ird"', 'public', 'we"ird', true],
  ])('%i: %s vs %s.%s → %s', (_n, pattern, schema, name, expected) => {
    expect(matchesPattern(parseNamePattern(pattern), schema, name)).toBe(expected);
  });

  test('selection as pg_dump makes it', () => {
    const s = selectedBy({ schemas: ['public', 'Sales*'], excludeTables: ['public.big*'] });
    expect([
      s.table('public', 'orders'),
      s.table('public', 'big_log'),
      s.table('sales', 'x'),
      s.table('other', 'x'),
    ]).toEqual([true, false, true, false]);
    const all = selectedBy({ schemas: [], excludeTables: [] });
    expect(all.table('anything', 'at_all')).toBe(true);
  });
});
