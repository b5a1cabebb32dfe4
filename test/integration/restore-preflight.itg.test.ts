// Before the first statement on the target: a dump whose roles the target lacks is refused with one line and the
// target stays as it was; one table or only the schema can be restored out of a backup; latest under a prefix that
// holds several databases is refused unless a name chooses one.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket } from '../support/s3-servers.js';

const tag = randomBytes(3).toString('hex');
const owner = `own_${tag}`;
const group = `ro_${tag}`;
const member = `bob_${tag}`;

describe('restore pre-flight, selective restore and an ambiguous latest', () => {
  let bucket: string;
  const s3 = () => rgw();
  const where = () => ['--bucket', bucket, '--endpoint', s3().endpoint, '--environment', 'pre'];
  const cli = (args: string[]) => runCli(args, s3Env(s3()));
  const lastLine = (text: string) => text.trim().split('\n').at(-1)!;

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    const shop = await pg(15).createDatabase();
    await pg(15).exec(
      'postgres',
      `CREATE ROLE ${owner}; CREATE ROLE ${group}; CREATE ROLE ${member} LOGIN PASSWORD 'pw-${tag}' IN ROLE ${group};`,
    );
    await pg(15).exec(
      shop,
      `CREATE TABLE orders (id int PRIMARY KEY, note text);
       CREATE TABLE items (id int PRIMARY KEY, order_id int REFERENCES orders);
       INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 50) g;
       INSERT INTO items SELECT g, g FROM generate_series(1, 50) g;
       ALTER TABLE orders OWNER TO ${owner}; ALTER TABLE items OWNER TO ${owner};
       GRANT SELECT ON orders TO ${group};
       ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
       CREATE POLICY readers ON orders FOR SELECT TO ${group} USING (id > 0);`,
    );
    const other = await pg(15).createDatabase();
    await pg(15).exec(other, 'CREATE TABLE t (id int); INSERT INTO t VALUES (1);');
    for (const [db, name] of [
      [shop, 'shop'],
      [other, 'other'],
    ] as const) {
      const r = await cli(['backup', ...where(), '--database-url', pg(15).url(db), '--name', name]);
      expect(r.code, r.stderr).toBe(0);
    }
  });
  afterAll(async () => {
    await emptyAndDeleteBucket(rgw(), bucket);
  });

  test('onto a server without the roles: refused in one line, before anything is touched (CLI and action)', async () => {
    // an existing, empty target database on PostgreSQL 18, where none of the roles exist
    const target = await pg(18).createDatabase();
    const before = await snapshotDatabase(pg(18), target);
    const refusal = `restore: roles ${owner}, ${group} do not exist on the target; restore the globals first (with-globals) or create them (target untouched)`;
    const r = await cli(['restore', ...where(), '--name', 'shop', '--database-url', pg(18).url(target), '--yes']);
    expect(r.code).toBe(1);
    expect(lastLine(r.stderr)).toBe(`s3-backup: error: ${refusal}`);
    expect(await snapshotDatabase(pg(18), target)).toEqual(before);

    // a database to be created: not created
    const absent = `absent_${tag}`;
    const a = await runAction(
      'restore',
      {
        'database-url': pg(18).url(absent),
        bucket,
        endpoint: s3().endpoint,
        environment: 'pre',
        name: 'shop',
        'create-database': 'true',
        'no-owner': 'true',
        'no-acl': 'true',
      },
      s3Env(s3()),
    );
    expect(a.code).toBe(1);
    // without owners and privileges, the policy still names its role
    expect(a.shown).toContain(
      `::error::restore: role ${group} does not exist on the target; restore the globals first (with-globals) or create it (target untouched)`,
    );
    expect(await pg(18).query('postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [absent])).toEqual([]);
  });

  test('the roles there: the restore runs (the pre-flight says what it checked)', async () => {
    const target = await pg(15).createDatabase();
    const r = await cli(['restore', ...where(), '--name', 'shop', '--database-url', pg(15).url(target), '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('pre-flight: the target has what the dump needs');
    const [row] = await pg(15).query(target, `SELECT tableowner FROM pg_tables WHERE tablename = 'orders'`);
    expect(row.tableowner).toBe(owner);
  });

  test('one table out of a backup, and only the schema', async () => {
    const one = await pg(15).createDatabase();
    const r = await cli([
      'restore',
      ...where(),
      '--name',
      'shop',
      '--table',
      'orders',
      '--database-url',
      pg(15).url(one),
      '--yes',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const tables = await pg(15).query(one, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t: { tablename: string }) => t.tablename)).toEqual(['orders']);
    expect((await pg(15).query(one, 'SELECT count(*)::int AS n FROM orders'))[0].n).toBe(50);

    const schemaOnly = await pg(15).createDatabase();
    const a = await runAction(
      'restore',
      {
        'database-url': pg(15).url(schemaOnly),
        bucket,
        endpoint: s3().endpoint,
        environment: 'pre',
        name: 'shop',
        'schema-only': 'true',
      },
      s3Env(s3()),
    );
    expect(a.code, a.stdout).toBe(0);
    const counts = await pg(15).query(
      schemaOnly,
      'SELECT (SELECT count(*) FROM orders)::int AS o, (SELECT count(*) FROM items)::int AS i',
    );
    expect(counts).toEqual([{ o: 0, i: 0 }]);
  });

  test('latest without a name under a prefix of two databases: refused, naming them; a name chooses', async () => {
    const target = await pg(15).createDatabase();
    const ambiguous =
      'backup: "latest" is ambiguous: prefix "pre" holds backups of 2 databases (other, shop); choose one with name (--name other), or give a backup key';
    const r = await cli(['restore', ...where(), '--database-url', pg(15).url(target), '--yes']);
    expect(r.code).toBe(1);
    expect(lastLine(r.stderr)).toBe(`s3-backup: error: ${ambiguous}`);
    const v = await runAction('verify', { bucket, endpoint: s3().endpoint, environment: 'pre' }, s3Env(s3()));
    expect(v.code).toBe(1);
    expect(v.shown).toContain(`::error::${ambiguous}`);

    const named = await cli(['verify', ...where(), '--name', 'other']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/other_pre_\d{8}_\d{6}\.dump\.zst/);
  });
});
