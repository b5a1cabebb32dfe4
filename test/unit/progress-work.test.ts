// How far a dump, a restore and several downloads are: the tools' --verbose lines, the shares they add up to, the
// lines shown, and downloads at once that stop together.
import { describe, expect, test } from 'vitest';
import { allBounded } from '../../src/core/bounded.js';
import { DumpTables, RestoreEntries } from '../../src/core/work-progress.js';
import { pgDumpArgs } from '../../src/postgres/argv.js';
import { spawnTool } from '../../src/postgres/process.js';
import { pgDumpVerbose, pgRestoreVerbose, verboseReader } from '../../src/postgres/verbose.js';
import { Progress, progressText } from '../../src/reporting/progress.js';

const MiB = 2 ** 20;

describe('pg_dump and pg_restore --verbose lines', () => {
  test.each([
    ['pg_dump: dumping contents of table "public.orders"', { kind: 'table-data', table: 'public.orders' }],
    ['pg_dump: dumping contents of table "public.we.ird"x"', { kind: 'table-data', table: 'public.we.ird"x' }],
    ['pg_dump: reading extensions', { kind: 'info' }],
    ['pg_dump: saving large objects', { kind: 'info' }],
    ['pg_dump: error: query failed: ERROR:  permission denied for table t', undefined],
    ['pg_dump: warning: could not find where to insert IF EXISTS', undefined],
    ['pg_dump: detail: Query was: LOCK TABLE public.t', undefined],
    ['some other text', undefined],
  ])('pg_dump %s', (line, parsed) => expect(pgDumpVerbose(line)).toEqual(parsed));
  test.each([
    ['pg_restore: creating TABLE "public.a"', { kind: 'entry' }],
    ['pg_restore: creating INDEX "public.a_t_idx"', { kind: 'entry' }],
    ['pg_restore: executing SEQUENCE SET b_id_seq', { kind: 'entry' }],
    ['pg_restore: executing BLOB 16404', { kind: 'entry' }],
    ['pg_restore: processing BLOBS', { kind: 'entry' }],
    ['pg_restore: processing data for table "public.a"', { kind: 'table-data', table: 'public.a' }],
    ['pg_restore: processing item 3372 ENCODING ENCODING', { kind: 'info' }],
    ['pg_restore: launching item 3215 CONSTRAINT a a_pkey', { kind: 'info' }],
    ['pg_restore: finished item 3215 CONSTRAINT a a_pkey', { kind: 'info' }],
    ['pg_restore: connecting to database for restore', { kind: 'info' }],
    ['pg_restore: restoring large object with OID 16404', { kind: 'info' }],
    ['pg_restore: from TOC entry 3363; 0 16385 TABLE DATA a postgres', undefined],
    ['pg_restore: while PROCESSING TOC:', undefined],
    ['pg_restore: error: could not execute query: ERROR:  relation "a" already exists', undefined],
    ['Command was: CREATE TABLE public.a (', undefined],
  ])('pg_restore %s', (line, parsed) => expect(pgRestoreVerbose(line)).toEqual(parsed));

  test('pg_dump is verbose only for a custom archive (a plain dump would carry its comments)', () => {
    const base = { dbUrl: 'postgresql://h/db', excludeTables: [], schemas: [], verbose: true };
    expect(pgDumpArgs({ ...base, format: 'custom' })).toContain('--verbose');
    expect(pgDumpArgs({ ...base, format: 'plain' })).not.toContain('--verbose');
  });

  test("a tool's chatter is read and dropped; its errors stay in its failure message", async () => {
    const seen: string[] = [];
    const lines = {
      table: (t: string) => seen.push(`table ${t}`),
      entry: () => seen.push('entry'),
      other: () => seen.push('other'),
      end: () => undefined,
    };
    const script = [
      'pg_restore: connecting to database for restore',
      'pg_restore: creating TABLE "public.errors"',
      'pg_restore: processing data for table "public.errors"',
      'pg_restore: error: could not execute query: ERROR:  boom',
    ].join('\\n');
    const proc = spawnTool('pg_restore', 'sh', ['-c', `printf '${script}' >&2; exit 1`], {
      onLine: verboseReader('pg_restore', lines),
    });
    const err = await proc.exited.catch((e: Error) => e);
    expect(seen).toEqual(['other', 'entry', 'table public.errors']);
    expect(proc.stderr()).toBe('pg_restore: error: could not execute query: ERROR:  boom');
    expect(String(err)).toMatch(/exit code 1\): pg_restore: error: could not execute query: ERROR: {2}boom$/);
  });
});

describe('a backup by its tables', () => {
  const sizes = new Map([
    ['public.a', 60],
    ['public.b', 30],
    ['public.c', 10],
    ['other.skipped', 1000],
  ]);
  test('a table counts once pg_dump goes on past it; never more than the total, never back', () => {
    const t = new DumpTables(['public.a', 'public.b', 'public.c']);
    const s = t.stream();
    s.other();
    s.table('public.a');
    expect(t.work()).toBeUndefined(); // no sizes yet
    t.sized(sizes);
    expect(t.work()).toEqual({ done: 0, total: 100, measure: 'tables' });
    s.table('public.b');
    expect(t.work()?.done).toBe(60);
    s.table('public.c');
    s.other(); // "saving large objects": c is done
    expect(t.work()?.done).toBe(100);
    s.end();
    expect(t.work()?.done).toBe(100);
    expect(t.all()?.done).toBe(100);
  });
  test('several pg_dumps (a multi-stream backup) add up', () => {
    const t = new DumpTables(['public.a', 'public.b', 'public.c']);
    t.sized(sizes);
    const [one, two] = [t.stream(), t.stream()];
    one.table('public.a');
    two.table('public.b');
    two.end();
    expect(t.work()?.done).toBe(30);
    one.end();
    expect(t.work()?.done).toBe(90);
  });
  test('tables of no size: no share to show', () => {
    const t = new DumpTables(['public.x']);
    t.sized(new Map([['public.x', 0]]));
    expect(t.work()).toBeUndefined();
    expect(t.all()).toBeUndefined();
  });
});

describe('a restore by its entries', () => {
  test('one pg_restore: an entry counts once the next begins, all of them when it exits', () => {
    const r = new RestoreEntries(5, 2);
    const s = r.step(1);
    s.entry();
    expect(r.work()).toMatchObject({ done: 0, total: 5, counted: true, tables: { done: 0, total: 2 } });
    s.entry();
    s.table('public.a');
    expect(r.work()).toMatchObject({ done: 2, tables: { done: 0 } });
    s.table('public.b');
    expect(r.work()).toMatchObject({ done: 3, tables: { done: 1 } });
    s.entry();
    expect(r.work()).toMatchObject({ done: 4, tables: { done: 2 } });
    s.end();
    expect(r.work()).toMatchObject({ done: 5, tables: { done: 2 } });
  });
  test('a step of 4 jobs may have 4 under way; steps add up; never past the total', () => {
    const r = new RestoreEntries(6, 1);
    const pre = r.step(1);
    pre.entry();
    pre.end();
    const post = r.step(4);
    for (let i = 0; i < 5; i++) post.entry();
    expect(r.work().done).toBe(2);
    post.entry(); // an entry the listing did not count
    post.end();
    expect(r.work().done).toBe(6);
    expect(r.all()).toMatchObject({ done: 6, tables: { done: 1, total: 1 } });
  });
});

describe('progress lines by work', () => {
  test.each([
    [
      'a backup by its tables',
      {
        phase: 'upload',
        bytes: 2.6 * MiB,
        elapsedMs: 7000,
        work: { done: 45, total: 100, measure: 'tables' },
        leftMs: 12_000,
      },
      '45% (tables), uploaded 2.6 MiB  380.3 KiB/s  0:07, about 0:12 left',
    ],
    [
      'a restore by its entries',
      {
        phase: 'restore',
        bytes: 0,
        elapsedMs: 40_000,
        label: 'shop',
        work: { done: 120, total: 480, measure: 'entries', counted: true, tables: { done: 3, total: 12 } },
        leftMs: 40_000,
      },
      'shop: restore 120/480 entries (25%), data 3/12 tables  0:40, about 0:40 left',
    ],
    [
      'no time left yet, no tables',
      { phase: 'restore', bytes: 0, elapsedMs: 1000, work: { done: 0, total: 3, measure: 'entries', counted: true } },
      'restore 0/3 entries (0%)  0:01',
    ],
  ])('%s', (_what, sample, text) => expect(progressText(sample)).toBe(text));

  test("the time left at the work's own rate; the last sample shown at once, without a time left", () => {
    let t = 0;
    const out: string[] = [];
    const p = new Progress({ mode: 'lines', write: (s) => out.push(s), now: () => t, intervalMs: 10_000 });
    const work = (done: number) => ({ done, total: 100, measure: 'entries', counted: true });
    t = 5000;
    p.report({ phase: 'restore', bytes: 0, work: work(0) });
    t = 15_000;
    p.report({ phase: 'restore', bytes: 0, work: work(25) });
    t = 16_000;
    p.report({ phase: 'restore', bytes: 0, work: work(26) }); // too soon
    p.report({ phase: 'restore', bytes: 0, work: work(100), final: true });
    expect(out).toEqual([
      'progress: restore 0/100 entries (0%)  0:05\n',
      'progress: restore 25/100 entries (25%)  0:15, about 0:30 left\n',
      'progress: restore 100/100 entries (100%)  0:16\n',
    ]);
  });
});

describe('downloads at once', () => {
  const never = new AbortController().signal;
  test('at most `limit` at once, results in order', async () => {
    let running = 0;
    let most = 0;
    const tasks = [1, 2, 3, 4, 5, 6].map((n) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n;
    });
    expect(await allBounded(tasks, 4, never, async () => undefined)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(most).toBe(4);
  });
  test('the first failure stops the others: running ones see the signal, waiting ones never start, results discarded', async () => {
    const started: number[] = [];
    const discarded: number[] = [];
    let fail!: () => void;
    const failing = new Promise<void>((_r, reject) => (fail = () => reject(new Error('part 2: checksum mismatch'))));
    const tasks = [
      async () => {
        started.push(1);
        return 1;
      },
      async () => {
        started.push(2);
        await failing;
        return 2;
      },
      (signal: AbortSignal) => {
        started.push(3);
        return new Promise<number>((_r, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
      async () => {
        started.push(4);
        return 4;
      },
      async () => {
        started.push(5);
        return 5;
      },
    ];
    const run = allBounded(tasks, 2, never, async (n) => void discarded.push(n));
    // 1 done, 2 and 3 under way: then 2 fails
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 2, 3]);
    fail();
    await expect(run).rejects.toThrow('part 2: checksum mismatch');
    expect(started).toEqual([1, 2, 3]);
    expect(discarded).toEqual([1]);
  });
  test('a cancelled run throws the cancellation', async () => {
    const parent = new AbortController();
    const task = (signal: AbortSignal) =>
      new Promise<number>((_r, reject) => signal.addEventListener('abort', () => reject(new Error('stopped'))));
    const run = allBounded([task, task], 4, parent.signal, async () => undefined);
    parent.abort(new Error('cancelled by SIGTERM'));
    await expect(run).rejects.toThrow('cancelled by SIGTERM');
  });
});
