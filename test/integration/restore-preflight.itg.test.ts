// Before the first statement on the target: a dump whose roles the target lacks is refused with one line and the
// target stays as it was, unless the globals backed up with it create them (with-globals); one table or only the schema can be restored out of a backup; latest under a prefix that
// holds several databases is refused unless a name chooses one.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { startPostgres, type PgServer } from '../support/postgres.js';
import { runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket } from '../support/s3-servers.js';
import { placeArgs } from '../support/cli-args.js';

const tag = randomBytes(3).toString('hex');
const owner = `own_${tag}`;
const group = `ro_${tag}`;
const member = `bob_${tag}`;

describe('restore pre-flight, selective restore and an ambiguous latest', () => {
  let bucket: string;
  let shopDb: string;
  const s3 = () => rgw();
  const where = () => placeArgs(bucket, s3().endpoint, 'pre');
  const cli = (args: string[]) => runCli(args, s3Env(s3()));
  const lastLine = (text: string) => text.trim().split('\n').at(-1)!;

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    const shop = await pg(15).createDatabase();
    shopDb = shop;
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

  test('onto a server without the roles, with-globals false: refused in one line, nothing touched (CLI and action)', async () => {
    // an existing, empty target database on PostgreSQL 18, where none of the roles exist
    const target = await pg(18).createDatabase();
    const before = await snapshotDatabase(pg(18), target);
    const refusal = `restore: roles ${owner}, ${group} do not exist on the target; restore the globals first (with-globals) or create them (target untouched)`;
    const r = await cli([
      'restore',
      ...where(),
      '--name',
      'shop',
      '--with-globals',
      'false',
      '--database-url',
      pg(18).url(target),
      '--yes',
    ]);
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
        'with-globals': 'false',
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

  test('onto a new, empty server: the globals backed up with the dump create the roles first (CLI)', async () => {
    let fresh: PgServer | undefined;
    try {
      fresh = await startPostgres(15);
      const server = fresh;
      const roles = () => server.query('postgres', `SELECT rolname FROM pg_roles WHERE rolname ~ $1 ORDER BY 1`, [tag]);
      const restoreShop = (args: string[]) =>
        cli(['restore', ...args, '--name', 'shop', '--database-url', server.url('shop'), '--create-database', '--yes']);
      const databases = () => server.query('postgres', `SELECT datname FROM pg_database WHERE datname = 'shop'`);

      // with-globals false: today's refusal, nothing touched
      const refused = await restoreShop([...where(), '--with-globals', 'false']);
      expect(refused.code).toBe(1);
      expect(lastLine(refused.stderr)).toBe(
        `s3-backup: error: restore: roles ${owner}, ${group} do not exist on the target; restore the globals first (with-globals) or create them (target untouched)`,
      );
      // no globals backup at all (backed up with globals false): the same refusal, saying so
      const bare = placeArgs(bucket, s3().endpoint, 'bare');
      const b = await cli([
        'backup',
        ...bare,
        '--database-url',
        pg(15).url(shopDb),
        '--name',
        'shop',
        '--globals',
        'false',
      ]);
      expect(b.code, b.stderr).toBe(0);
      const none = await restoreShop(bare);
      expect(none.code).toBe(1);
      expect(lastLine(none.stderr)).toMatch(
        new RegExp(
          `^s3-backup: error: restore: roles ${owner}, ${group} do not exist on the target; restore the globals first \\(with-globals\\) or create them; no globals backup was found for bare/shop_bare_\\d{8}_\\d{6}\\.dump\\.zst .*\\(target untouched\\)$`,
        ),
      );
      expect(await roles()).toEqual([]);
      expect(await databases()).toEqual([]);

      // auto: the target lacks the roles, so the globals of the backup's set create them, then the restore runs
      const r = await restoreShop(where());
      expect(r.code, r.stderr).toBe(0);
      // the globals of the shop backup's own run, not the newer ones of the other database's backup
      const stamp = /backup: s3:\/\/\S+\/shop_pre_(\d{8}_\d{6})\.dump/.exec(r.stderr)?.[1];
      expect(r.stderr).toContain(`_globals: s3://${bucket}/pre/_globals_pre_${stamp}.sql`);
      expect(r.stderr).toMatch(new RegExp(`globals: created roles [^\\n]*${owner}`));
      expect((await roles()).map((x: { rolname: string }) => x.rolname).sort()).toEqual([owner, group, member].sort());
      const [membership] = await server.query('postgres', 'SELECT pg_has_role($1, $2, $3) AS m', [
        member,
        group,
        'MEMBER',
      ]);
      expect(membership.m).toBe(true);
      const [row] = await server.query('shop', `SELECT tableowner FROM pg_tables WHERE tablename = 'orders'`);
      expect(row.tableowner).toBe(owner);
      const [policy] = await server.query('shop', 'SELECT polroles::regrole[]::text AS roles FROM pg_policy');
      expect(policy.roles).toBe(`{${group}}`);
      expect(await snapshotDatabase(server, 'shop')).toEqual(await snapshotDatabase(pg(15), shopDb));
    } finally {
      await fresh?.stop();
    }
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
    // each host names the input its own way: the CLI its flag, the action its input
    const ambiguous = (fix: string) =>
      `backup: "latest" is ambiguous: prefix "pre" holds backups of 2 databases (other, shop); choose one with ${fix}, or give a backup key`;
    const r = await cli(['restore', ...where(), '--database-url', pg(15).url(target), '--yes']);
    expect(r.code).toBe(1);
    expect(lastLine(r.stderr)).toBe(`s3-backup: error: ${ambiguous('--name other')}`);
    const v = await runAction('verify', { bucket, endpoint: s3().endpoint, environment: 'pre' }, s3Env(s3()));
    expect(v.code).toBe(1);
    expect(v.shown).toContain(`::error::${ambiguous('name: other')}`);

    const named = await cli(['verify', ...where(), '--name', 'other']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/other_pre_\d{8}_\d{6}\.dump\.zst/);
  });
});
