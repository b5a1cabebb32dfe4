// A multi-stream restore counts each data part's tables as soon as that part is loaded, while the others still load:
// exact counts of the parts loaded before the last, the last part (and a part whose count fails) left to the
// comparison after the restore, and no connection left on the target however the restore ends. The restores that use
// it end to end (restore, validate) are in streams.itg.test.ts.
import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../src/model/manifest.js';
import type { TableEntry } from '../../src/model/catalog.js';
import { countingEarly } from '../../src/restore/early-counts.js';
import { parseConnection } from '../../src/options/database-url.js';
import pg from 'pg';
import { pg as server } from '../support/context.js';
import { waitUntil } from '../support/wait.js';

const pg15 = () => server(15);
const table = (schema: string, name: string): TableEntry => ({ schema, name, kind: 'table', rows: null, columns: [] });

function manifestOf(parts: string[][]): Manifest {
  const tables = parts.flat().map((t) => {
    const dot = t.indexOf('.');
    return table(t.slice(0, dot), t.slice(dot + 1));
  });
  return {
    tables,
    parts: parts.map((p, i) => ({ key: `p${i}`, size: 1, rawSize: 1, sha256: '', tables: p })),
  } as unknown as Manifest;
}

/** The sessions on `db` (but `except`), and whether one of them waits on a lock. */
async function sessionsOn(db: string, except = 0): Promise<{ n: number; waiting: boolean }> {
  const rows = await pg15().query(
    'postgres',
    `SELECT count(*)::int AS n, coalesce(bool_or(wait_event_type = 'Lock'), false) AS waiting
       FROM pg_stat_activity WHERE datname = $1 AND pid <> $2`,
    [db, except],
  );
  return { n: rows[0].n as number, waiting: rows[0].waiting as boolean };
}

// a closed session leaves pg_stat_activity a moment after its client has gone
const noSessionOn = (db: string) => waitUntil(`no session on ${db}`, async () => (await sessionsOn(db)).n === 0);

describe('early counts: the tables of a loaded data part counted while the other parts load', () => {
  test('the parts loaded before the last are counted exactly, the last and a failed count are left to the comparison', async () => {
    const db = await pg15().createDatabase();
    await pg15().exec(
      db,
      `CREATE TABLE "a.b" (id int); INSERT INTO "a.b" SELECT generate_series(1, 3);
       CREATE SCHEMA s; CREATE TABLE s.t (id int); INSERT INTO s.t SELECT generate_series(1, 5);
       CREATE TABLE other (id int); INSERT INTO other SELECT generate_series(1, 7);
       CREATE TABLE last_one (id int); INSERT INTO last_one SELECT generate_series(1, 2);`,
    );
    const c = parseConnection('database-url', pg15().url(db), {})!;
    // part 3 names a table that is not there: its count fails and is taken again by the comparison
    const manifest = manifestOf([['public.a.b', 's.t'], ['public.last_one'], ['public.other', 'public.gone']]);
    const { value, counted } = await countingEarly(c, manifest, async (loaded) => {
      loaded!(1);
      loaded!(3);
      loaded!(2); // the last to finish: counted with the rest, on every core
      return 'restored';
    });
    expect(value).toBe('restored');
    expect([...counted!].sort()).toEqual([
      ['public.a.b', 3],
      ['s.t', 5],
    ]);
    await noSessionOn(db);
  });

  test('a restore that fails waits for the counts it started before it reports: none is left running', async () => {
    const db = await pg15().createDatabase();
    await pg15().exec(db, 'CREATE TABLE one (id int); INSERT INTO one SELECT generate_series(1, 1000);');
    const c = parseConnection('database-url', pg15().url(db), {})!;
    // the count of part 1 waits behind this lock until the test lets it go
    const locker = new pg.Client({ connectionString: pg15().url(db) });
    await locker.connect();
    const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await locker.query('BEGIN; LOCK TABLE one IN ACCESS EXCLUSIVE MODE');
    let settled = false;
    const failed = countingEarly(c, manifestOf([['public.one'], ['public.two']]), async (loaded) => {
      loaded!(1);
      throw new Error('pg_restore failed');
    }).finally(() => (settled = true));
    failed.catch(() => undefined);
    await waitUntil('the early count waiting on the lock', async () => (await sessionsOn(db, lockerPid)).waiting);
    expect(settled).toBe(false);
    await locker.query('COMMIT');
    await locker.end();
    await expect(failed).rejects.toThrow('pg_restore failed');
    await noSessionOn(db);
  });

  test('a single stream, or a restore that is not compared, counts nothing early', async () => {
    const db = await pg15().createDatabase();
    const c = parseConnection('database-url', pg15().url(db), {})!;
    const one = await countingEarly(c, manifestOf([['public.x']]), async (loaded) => loaded);
    expect(one).toEqual({ value: undefined, counted: undefined });
    const none = await countingEarly(c, undefined, async (loaded) => loaded);
    expect(none).toEqual({ value: undefined, counted: undefined });
  });
});
