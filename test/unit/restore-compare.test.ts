// The pure parts of a restore that checks itself and of the copy's set: which checks a restore is held to, the
// mismatch line, a set member as the copy holds it, and pointer keys under the copy's prefix.
import { describe, expect, test } from 'vitest';
import { copyMember } from '../../src/backup/copy-set.js';
import { rebaseKey } from '../../src/core/naming.js';
import { mismatchLine, restoreChecks } from '../../src/restore/compare-restored.js';

const rows = { check: 'rows of public.orders', expected: '119', found: '120', ok: false };
const extra = { check: 'table public.old', expected: 'absent (not in the manifest)', found: 'present', ok: false };

describe('a restore against its manifest', () => {
  test.each([
    [false, [rows, extra]],
    [true, [rows]],
  ])('target held tables before: %s → the checks counted', (held, expected) => {
    expect(restoreChecks([rows, extra], held)).toEqual(expected);
  });
  test('the mismatch line names the database and every table that differs', () => {
    expect(mismatchLine('shop', [rows, extra])).toBe(
      'restore: "shop" does not match its manifest (2 mismatches: rows of public.orders: expected 119, found 120; table public.old: expected absent (not in the manifest), found present); the restored data is left in place: inspect it, or restore another backup with clean',
    );
  });
});

describe('the copy as a second site', () => {
  const member = {
    kind: 'database' as const,
    database: 'shop',
    name: 'shop',
    status: 'ok' as const,
    key: 'p/shop_e_1.dump.zst',
    sha256: 'ab',
    size: 3,
  };
  test('a member whose copy is complete names the copy key; one whose copy failed is failed there', () => {
    expect(copyMember(member, { status: 'complete', key: 'c/shop_e_1.dump.zst' })).toEqual({
      ...member,
      key: 'c/shop_e_1.dump.zst',
    });
    expect(copyMember(member, { status: 'failed', error: new Error('copy: denied') })).toEqual({
      kind: 'database',
      database: 'shop',
      name: 'shop',
      status: 'failed',
      error: 'copy: denied',
    });
    const failed = { ...member, status: 'failed' as const, error: 'pg_dump failed' };
    expect(copyMember(failed, undefined)).toBe(failed);
  });
  test.each([
    ['prod/latest/shop.json', 'prod', 'copies', 'copies/latest/shop.json'],
    ['prod/latest.json', 'prod', 'copies/prod', 'copies/prod/latest.json'],
    ['latest.json', '', 'copies', 'copies/latest.json'],
  ])('%s under %s → under %s', (key, from, to, expected) => {
    expect(rebaseKey(key, from, to)).toBe(expected);
  });
});
