import { describe, expect, test } from 'vitest';
import {
  chooseStreams,
  exactTablePattern,
  GIB,
  partitionTables,
  partKey,
  partKeyFor,
  parsePartKey,
  type SizedTable,
} from '../../src/core/streams.js';
import { parseBackupKey } from '../../src/core/naming.js';
import { backupsIn } from '../../src/core/select.js';
import { planRestore } from '../../src/core/restore-plan.js';
import { stepArgs } from '../../src/restore/dump-source.js';
import { parseBackupOptions } from '../../src/options/parse.js';
import { pgDumpArgs } from '../../src/postgres/argv.js';
import { errorMessage } from '../../src/core/errors.js';

const t = (name: string, bytes: number): SizedTable => ({ schema: 'public', name, bytes });
const names = (parts: ReturnType<typeof partitionTables>) => parts.map((p) => p.tables.map((x) => x.name));

describe('partitionTables: largest first, each into the lightest part', () => {
  test.each([
    [
      'a table larger than its share is alone',
      [t('big', 100), t('a', 10), t('b', 10), t('c', 5)],
      2,
      [['big'], ['a', 'b', 'c']],
    ],
    [
      'balanced',
      [t('a', 4), t('b', 3), t('c', 3), t('d', 2)],
      2,
      [
        ['a', 'd'],
        ['b', 'c'],
      ],
    ],
    ['fewer tables than streams: fewer parts, none empty', [t('a', 1), t('b', 2)], 4, [['b'], ['a']]],
    ['ties: by name, lower part first', [t('b', 0), t('a', 0), t('c', 0)], 2, [['a', 'c'], ['b']]],
    ['no tables: no part', [], 3, []],
  ])('%s', (_, tables, streams, expected) => {
    const parts = partitionTables(tables, streams);
    expect(names(parts)).toEqual(expected);
    for (const p of parts) expect(p.bytes).toBe(p.tables.reduce((n, x) => n + x.bytes, 0));
  });

  test('every table in exactly one part, and no part heavier than the lightest plus the largest table', () => {
    const tables = Array.from({ length: 40 }, (_, i) => t(`t${i}`, ((i * 7919) % 97) * 1000 + 1));
    const parts = partitionTables(tables, 3);
    expect(parts.flatMap((p) => p.tables.map((x) => x.name)).sort()).toEqual(tables.map((x) => x.name).sort());
    const sizes = parts.map((p) => p.bytes);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(Math.max(...tables.map((x) => x.bytes)));
  });
});

describe('chooseStreams', () => {
  test.each([
    [3, 10, 2, 3],
    [1, 100 * GIB, 8, 1],
    ['auto', GIB - 1, 8, 1],
    ['auto', GIB, 8, 1],
    ['auto', 1.5 * GIB, 8, 2],
    ['auto', 3.2 * GIB, 2, 2],
    ['auto', 100 * GIB, 16, 8],
  ] as const)('%s with %d bytes on %d cores: %d', (asked, size, cores, expected) => {
    expect(chooseStreams(asked, size, cores)).toBe(expected);
  });
});

describe('part keys', () => {
  const key = 'prod/shop_prod_20250101_000000_2.dump.zst.age';
  test('.part-NNNN before the extension; not a backup key; back to its backup', () => {
    const part = partKey(key, '.dump.zst.age', 3);
    expect(part).toBe('prod/shop_prod_20250101_000000_2.part-0003.dump.zst.age');
    expect(parseBackupKey(part)).toBeUndefined();
    expect(parsePartKey(part)).toEqual({ backupKey: key, index: 3 });
    expect(parsePartKey(key)).toBeUndefined();
    expect(parsePartKey(`${part}.sha256`)).toBeUndefined();
  });

  test("a part's key moved to the copy's key: same index and extension, under the copy's name", () => {
    const part = partKey(key, '.dump.zst.age', 12);
    const copyKey = 'copies/shop_prod_20250101_000000_3.dump.zst.age';
    expect(partKeyFor(part, copyKey)).toBe('copies/shop_prod_20250101_000000_3.part-0012.dump.zst.age');
    expect(parsePartKey(partKeyFor(part, copyKey))).toEqual({ backupKey: copyKey, index: 12 });
    expect(() => partKeyFor(key, copyKey)).toThrow(RangeError);
  });

  test('the listing attaches the parts to their backup, in order', () => {
    const objects = [key, partKey(key, '.dump.zst.age', 2), partKey(key, '.dump.zst.age', 1), `${key}.sha256`].map(
      (k, i) => ({ key: k, size: 10 + i }),
    );
    const [entry, ...rest] = backupsIn(objects, { environment: 'prod' });
    expect(rest).toEqual([]);
    expect(entry!.parts!.map((p) => p.key)).toEqual([
      partKey(key, '.dump.zst.age', 1),
      partKey(key, '.dump.zst.age', 2),
    ]);
  });

  test('exact table patterns quote both names', () => {
    expect(exactTablePattern({ schema: 'Sales Data', name: 'say "hi".*' })).toBe('"Sales Data"."say ""hi"".*"');
  });
});

describe('pg_dump for the parts', () => {
  const base = { dbUrl: 'u', format: 'custom' as const, excludeTables: [], schemas: [], snapshot: 's', create: true };
  test('the schema part keeps --create and leaves out the parts rows; a data part selects its tables', () => {
    expect(pgDumpArgs({ ...base, part: { excludeTableData: ['"public"."a"'] } })).toEqual(
      expect.arrayContaining(['--create', '--exclude-table-data="public"."a"']),
    );
    const data = pgDumpArgs({ ...base, part: { dataOnly: true, tables: ['"public"."a"'] } });
    expect(data).toEqual(expect.arrayContaining(['--data-only', '--table="public"."a"', '--snapshot=s']));
    expect(data).not.toContain('--create');
  });
});

describe('the restore plan of a multi-stream backup', () => {
  const base = { format: 'custom', jobs: 4, singleTransaction: false, decodedCopy: false, parts: [{}, {}] };
  const shape = (o: Parameters<typeof planRestore>[0]) =>
    planRestore(o).steps.map((s) => `${s.source}:${s.part ?? 0}:${s.section ?? 'all'}:${s.jobs}:${s.wave ?? '-'}`);
  test.each([
    [
      base,
      ['head:0:pre-data:1:-', 'stream:0:data:1:1', 'stream:1:data:1:1', 'stream:2:data:1:1', 'head:0:post-data:4:-'],
    ],
    [
      { ...base, jobs: 1, decodedCopy: true },
      ['head:0:pre-data:1:-', 'stream:0:data:1:1', 'stream:1:data:1:1', 'stream:2:data:1:1', 'head:0:post-data:1:-'],
    ],
    [{ ...base, dataOnly: true }, ['stream:0:all:1:1', 'stream:1:all:1:1', 'stream:2:all:1:1']],
    [{ ...base, schemaOnly: true }, ['head:0:pre-data:1:-', 'head:0:post-data:4:-']],
  ])('%j', (o, steps) => {
    expect(shape(o)).toEqual(steps);
    expect(planRestore(o).why).not.toContain('\n');
  });

  test.each([
    [{ jobs: 4 }, 3, 'at once'],
    [{ jobs: 2 }, 2, '2 at a time'],
    [{ jobs: 4, loads: 1 }, 1, '1 at a time'],
    [{ jobs: 1, loads: 8 }, 3, 'at once'],
  ])('%j: the parts loaded %i at a time', (o, atOnce, words) => {
    const plan = planRestore({ ...base, ...o });
    expect(plan.atOnce).toBe(atOnce);
    expect(plan.why).toContain(`the schema part's data and 2 data parts loaded ${words},`);
    // a part's own indexes early only where a place of the wave can be free while a load still runs
    expect(plan.earlyIndexes).toBe(atOnce > 1 ? true : undefined);
    expect(plan.why.includes("a part's own as soon as it is loaded")).toBe(atOnce > 1);
  });

  test('data-only and schema-only build no index early', () => {
    expect(planRestore({ ...base, dataOnly: true }).earlyIndexes).toBeUndefined();
    expect(planRestore({ ...base, schemaOnly: true }).earlyIndexes).toBeUndefined();
  });

  test('a post-data step given a list reads only its entries', () => {
    const flags = { clean: false, noOwner: false, noAcl: false, jobs: 1, singleTransaction: false };
    const step = { source: 'head' as const, section: 'post-data' as const, jobs: 2, list: '/t/rest.list' };
    expect(stepArgs(step, { flags, dbUrl: 'u' }, 'h')).toEqual(
      expect.arrayContaining(['--section=post-data', '--use-list=/t/rest.list', '--jobs=2']),
    );
  });

  test('single-transaction is refused in one line', () => {
    expect(() => planRestore({ ...base, singleTransaction: true })).toThrow(
      /^single-transaction: .*leave single-transaction off$/,
    );
  });

  test('a data step never cleans; the pre-data step does', () => {
    const flags = { clean: true, noOwner: false, noAcl: false, jobs: 1, singleTransaction: false };
    const [pre, data] = planRestore(base).steps;
    expect(stepArgs(pre!, { flags, dbUrl: 'u' }, 'h')).toContain('--clean');
    expect(stepArgs(data!, { flags, dbUrl: 'u' })).not.toContain('--clean');
  });
});

describe('the streams input', () => {
  const url = 'postgresql://app:pw@db/shop';
  const parse = (values: Record<string, string>) =>
    parseBackupOptions((n) => ({ 'database-url': url, bucket: 'my-backups', ...values })[n], {});
  test('left out: auto', () => {
    expect(parse({}).streams).toBe('auto');
  });

  test.each([
    ['auto', 'auto'],
    ['AUTO', 'auto'],
    ['1', 1],
    ['4', 4],
  ])('%j → %j', (text, expected) => {
    expect(parse({ streams: text }).streams).toBe(expected);
  });

  test('with copy-to: every part is copied, so N streams are taken as asked', () => {
    expect(parse({ streams: '3', 'copy-to': 's3://other-bucket/copies' }).streams).toBe(3);
  });

  test.each([
    [{ streams: 'two' }, 'streams: "two" is neither auto nor a whole number; use auto or 1 to 32'],
    [{ streams: '0' }, 'streams: 0 is out of range; use 1 to 32'],
    [{ streams: '33' }, 'streams: 33 is out of range; use 1 to 32'],
    [{ streams: '-2' }, 'streams: "-2" is neither auto nor a whole number; use auto or 1 to 32'],
    [
      { streams: '2', format: 'plain' },
      'streams: 2 streams need format custom (pg_restore); set streams to 1 for a plain dump',
    ],
    [
      { streams: '2', 'latest-copy': 'true' },
      'streams: latest-copy keeps one object and 2 streams write several; set streams to 1',
    ],
  ])('%j is refused in one line', (values, message) => {
    let caught: unknown;
    try {
      parse(values);
    } catch (err) {
      caught = err;
    }
    expect(errorMessage(caught)).toBe(message);
  });
});
