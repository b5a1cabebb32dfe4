// The password file (PGPASSFILE / ~/.pgpass) read once, as libpq reads it: a password with an escaped `:` and `\`
// works for our own connection (the pre-flight) and for pg_dump alike, the first matching line wins, and node-postgres'
// deprecated reader never runs (no DeprecationWarning). Real PostgreSQL 15 with scram-sha-256, Ceph RGW.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket } from '../support/s3-servers.js';
import { backupArgs } from '../support/cli-args.js';

const role = `pgpass_${Math.random().toString(36).slice(2, 8)}`;
/** The password: a backslash, a colon and a star, each of which the file must escape or may mistake. */
const password = 'a\\b:c*d';
let bucket: string;
let db: string;
let dir: string;

beforeAll(async () => {
  [bucket, db] = await Promise.all([createBucket(rgw()), pg(15).createDatabase()]);
  await pg(15).exec('postgres', `CREATE ROLE ${role} LOGIN SUPERUSER PASSWORD '${password}'`);
  await pg(15).exec(db, 'CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2);');
  dir = mkdtempSync(path.join(os.tmpdir(), 's3b-pgpass-'));
});
afterAll(async () => {
  await pg(15).exec('postgres', `DROP ROLE IF EXISTS ${role}`);
  await emptyAndDeleteBucket(rgw(), bucket);
});

/** A 0600 password file with these lines. */
function passFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

const escaped = 'a\\\\b\\:c*d'; // a\\b\:c*d in the file

const backup = (file: string) =>
  runCli(
    backupArgs(`postgresql://${role}@127.0.0.1:${pg(15).port}/${db}`, {
      bucket,
      endpoint: rgw().endpoint,
      environment: 'pgpass',
      name: 'shop',
    }),
    { ...s3Env(rgw()), PGPASSFILE: file },
  );

test('escaped \\: and \\\\: our connection and pg_dump both log in, and no DeprecationWarning', async () => {
  const file = passFile('good', [
    '# the first matching line wins',
    `127.0.0.1:${pg(15).port}:*:${role}:${escaped}`,
    `*:*:*:${role}:wrong`,
  ]);
  const r = await backup(file);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toContain('DeprecationWarning');
  expect(r.stderr).not.toMatch(/deprecat/i);
});

test('the first matching line holds a wrong password: our own connection refuses, before pg_dump runs', async () => {
  const file = passFile('wrong-first', [`*:*:*:${role}:wrong`, `127.0.0.1:${pg(15).port}:*:${role}:${escaped}`]);
  const r = await backup(file);
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split('\n').at(-1)).toMatch(
    new RegExp(`^s3-backup: error: database-url: password authentication failed for user "${role}"`),
  );
  expect(r.stderr).not.toContain('DeprecationWarning');
});
