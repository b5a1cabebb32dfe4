// Backup → restore round trips through the bundled action and CLI, against real PostgreSQL, pg tools and Ceph RGW.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fauxqs, pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { awkwardDatabase } from '../support/fixtures.js';
import { type SmallDisk, smallDisk } from '../support/small-disk.js';
import { capture, runAction, runCli, s3Env } from '../support/run.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject as getS3Object,
  listAllKeys,
  listMultipartUploads,
} from '../support/s3-servers.js';

const sh = promisify(execFile);
const pg15 = () => pg(15);

const getObject = (bucket: string, key: string) => getS3Object(rgw(), bucket, key);

describe('round trip of a database with awkward content', () => {
  let bucket: string;
  let source: string;
  beforeAll(async () => {
    bucket = await createBucket(rgw());
    source = await awkwardDatabase(pg15());
  });
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('action backup (custom + zstd) → action restore into the same major and into PostgreSQL 18: identical', async () => {
    const s3 = rgw();
    const backup = await runAction(
      'backup',
      {
        'database-url': pg15().url(source),
        bucket,
        endpoint: s3.endpoint,
        environment: 'test',
        name: 'awkward',
        tags: 'team=data',
      },
      s3Env(s3),
    );
    expect(backup.code, backup.stdout).toBe(0);
    const { outputs } = backup;
    expect(outputs.key).toMatch(/^test\/awkward_test_\d{8}_\d{6}\.dump\.zst$/);
    expect(outputs.uri).toBe(`s3://${bucket}/${outputs.key}`);
    expect(outputs['manifest-key']).toBe(`${outputs.key}.meta`);
    expect(outputs['server-version']).toMatch(/^15\./);
    expect(outputs['pg-dump-version']).toMatch(/^15\./);
    expect(Number(outputs['raw-size'])).toBeGreaterThan(Number(outputs.size));
    expect(backup.summary).toContain(outputs.sha256);

    // the object, its sidecars and the pointer; nothing unfinished
    // …and, by default (globals: auto), the server's globals beside it and the set that ties the two together
    const keys = await listAllKeys(s3, bucket, 'test/');
    const globals = outputs['globals-key']!;
    expect(globals).toMatch(/^test\/_globals_test_\d{8}_\d{6}\.sql\.zst$/);
    expect(outputs['set-key']).toMatch(/^test\/sets\/test_\d{8}_\d{6}\.json$/);
    expect(JSON.parse(outputs.keys!)).toEqual({ awkward: outputs.key, _globals: globals });
    expect(keys.sort()).toEqual(
      [
        outputs.key,
        `${outputs.key}.meta`,
        `${outputs.key}.sha256`,
        'test/latest.json',
        'test/latest/awkward.json',
        globals,
        `${globals}.meta`,
        `${globals}.sha256`,
        'test/latest/_globals.json',
        outputs['set-key'],
        'test/sets/latest.json',
      ].sort(),
    );
    expect(await listMultipartUploads(s3, bucket)).toEqual([]);
    const object = await getObject(bucket, outputs.key!);
    expect(object.length).toBe(Number(outputs.size));
    const sidecar = (await getObject(bucket, `${outputs.key}.sha256`)).toString();
    expect(sidecar).toBe(`${outputs.sha256}  ${path.basename(outputs.key!)}\n`);
    const manifestText = (await getObject(bucket, outputs['manifest-key']!)).toString();
    capture('manifest', manifestText);
    const manifest = JSON.parse(manifestText);
    expect(manifest).toMatchObject({
      schema: 's3-backup/manifest',
      version: 1,
      key: outputs.key,
      format: 'custom',
      sha256: outputs.sha256,
      size: Number(outputs.size),
      rawSize: Number(outputs['raw-size']),
      compression: { method: 'zstd', level: 1 },
      database: { name: source, serverMajor: 15 },
      pgDump: { major: 15 },
      tags: { team: 'data' },
      storageClass: 'STANDARD',
    });
    expect(manifest.tables.map((t: { name: string }) => t.name)).toContain('Order Items');
    const latest = JSON.parse((await getObject(bucket, 'test/latest.json')).toString());
    expect(latest).toMatchObject({ key: outputs.key, sha256: outputs.sha256 });

    const original = await snapshotDatabase(pg15(), source);
    for (const major of [15, 18] as const) {
      const target = await pg(major).createDatabase();
      const restored = await runAction(
        'restore',
        { 'database-url': pg(major).url(target), bucket, endpoint: s3.endpoint, environment: 'test', name: 'awkward' },
        s3Env(s3),
      );
      expect(restored.code, restored.stdout).toBe(0);
      expect(restored.outputs).toMatchObject({ key: outputs.key, sha256: outputs.sha256, target });
      expect(restored.outputs['server-version']).toMatch(new RegExp(`^${major}\\.`));
      expect(restored.summary).toContain('SHA-256 (verified)');
      expect(await snapshotDatabase(pg(major), target)).toEqual(original);
    }
  });

  test('CLI plain + gzip with latest-copy: sha256sum -c passes on both pairs and gunzip | psql restores', async () => {
    const s3 = rgw();
    const r = await runCli(
      [
        'backup',
        '--database-url',
        pg15().url(source),
        '--bucket',
        bucket,
        '--endpoint',
        s3.endpoint,
        '--environment',
        'plain',
        '--format',
        'plain',
        '--compression',
        'gzip',
        '--latest-copy',
        'true',
        '--json',
      ],
      s3Env(s3),
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.key).toMatch(new RegExp(`^plain/${source}_plain_\\d{8}_\\d{6}\\.sql\\.gz$`));
    const keys = await listAllKeys(s3, bucket, 'plain/');
    expect(keys).toContain('plain/latest-backup.sql.gz');
    expect(keys).toContain('plain/latest-backup.sql.gz.sha256');

    // a plain download: the object and its .sha256 in one folder
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sha256sum-'));
    for (const key of [
      out.key,
      `${out.key}.sha256`,
      'plain/latest-backup.sql.gz',
      'plain/latest-backup.sql.gz.sha256',
    ]) {
      writeFileSync(path.join(dir, path.basename(key)), await getObject(bucket, key));
    }
    const check = await sh('sha256sum', ['-c', `${path.basename(out.key)}.sha256`, 'latest-backup.sql.gz.sha256'], {
      cwd: dir,
    });
    expect(check.stdout).toBe(`${path.basename(out.key)}: OK\nlatest-backup.sql.gz: OK\n`);

    const target = await pg15().createDatabase();
    await sh(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        `gunzip -c latest-backup.sql.gz | psql -X -q -v ON_ERROR_STOP=1 --dbname "$URL" >/dev/null`,
      ],
      {
        cwd: dir,
        env: { ...process.env, URL: pg15().url(target) },
      },
    );
    expect(await snapshotDatabase(pg15(), target)).toEqual(await snapshotDatabase(pg15(), source));
    expect(
      readFileSync(path.join(dir, 'latest-backup.sql.gz')).equals(readFileSync(path.join(dir, path.basename(out.key)))),
    ).toBe(true);
  });

  test('CLI restore of the plain backup by date, with clean over a non-empty target', async () => {
    const s3 = rgw();
    const target = await pg15().createDatabase();
    await pg15().exec(target, 'CREATE TABLE leftover (id int); INSERT INTO leftover VALUES (1);');
    const common = [
      '--bucket',
      bucket,
      '--endpoint',
      s3.endpoint,
      '--environment',
      'plain',
      '--database-url',
      pg15().url(target),
    ];

    const refused = await runCli(['restore', ...common, '--yes'], s3Env(s3));
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n').at(-1)).toMatch(
      /^s3-backup: error: database "t_\w+" already holds 1 table: set --clean to drop and replace them/,
    );

    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const r = await runCli(['restore', ...common, '--backup', today, '--clean', '--yes', '--json'], s3Env(s3));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).key).toMatch(/\.sql\.gz$/);
    const snap = await snapshotDatabase(pg15(), target);
    const original = await snapshotDatabase(pg15(), source);
    // clean drops what the dump holds; a table the dump never had stays
    expect(Object.keys(snap.tables)).toContain('public.leftover');
    delete (snap.tables as Record<string, unknown>)['public.leftover'];
    expect(snap.tables).toEqual(original.tables);
  });

  test('clean restore over a database that already holds the same partitioned tables (twice)', async () => {
    const s3 = rgw();
    const target = await pg15().createDatabase();
    const args = [
      'restore',
      '--bucket',
      bucket,
      '--endpoint',
      s3.endpoint,
      '--environment',
      'test',
      '--name',
      'awkward',
      '--database-url',
      pg15().url(target),
      '--yes',
    ];
    expect((await runCli(args, s3Env(s3))).code).toBe(0);
    // the target drifts: rows gone from a partition, a row added elsewhere
    await pg15().exec(target, `DELETE FROM "Sales Data".events; INSERT INTO public.empty_table VALUES (1, 'drift');`);
    for (let i = 0; i < 2; i++) {
      const r = await runCli([...args, '--clean'], s3Env(s3));
      expect(r.code, r.stderr).toBe(0);
    }
    expect(await snapshotDatabase(pg15(), target)).toEqual(await snapshotDatabase(pg15(), source));
  });

  test('parallel restore (jobs 2) into a database it creates', async () => {
    const s3 = rgw();
    const name = `created_${Date.now()}`;
    const r = await runCli(
      [
        'restore',
        '--bucket',
        bucket,
        '--endpoint',
        s3.endpoint,
        '--environment',
        'test',
        '--name',
        'awkward',
        '--database-url',
        pg15().url(name),
        '--jobs',
        '2',
        '--create-database',
        '--yes',
      ],
      s3Env(s3),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(await snapshotDatabase(pg15(), name)).toEqual(await snapshotDatabase(pg15(), source));
  });

  test('list: newest first, with checksum status, as text and JSON', async () => {
    const s3 = rgw();
    const r = await runCli(
      ['list', '--bucket', bucket, '--endpoint', s3.endpoint, '--environment', 'test', '--json'],
      s3Env(s3),
    );
    expect(r.code, r.stderr).toBe(0);
    const { backups: rows, sets } = JSON.parse(r.stdout) as { backups: Array<{ kind: string }>; sets: unknown[] };
    // the database's backup and the globals taken with it; the set beside them
    expect(rows.map((x) => x.kind)).toEqual(['database', 'globals']);
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ complete: true, latest: true, failed: [] });
    expect(rows[0]).toMatchObject({
      format: 'custom',
      compression: 'zstd',
      hasChecksum: true,
      hasManifest: true,
      latest: true,
    });
  });
});

describe('S3 servers that take the SDK defaults', () => {
  test('fauxqs with request-checksum when-supported (CRC32 as on AWS): round trip', async () => {
    const s3 = fauxqs();
    const bucket = await createBucket(s3);
    const source = await awkwardDatabase(pg15());
    const common = { bucket, endpoint: s3.endpoint, environment: 'fx', 'request-checksum': 'when-supported' };
    const b = await runAction('backup', { ...common, 'database-url': pg15().url(source) }, s3Env(s3));
    expect(b.code, b.stdout).toBe(0);
    const target = await pg15().createDatabase();
    const r = await runAction('restore', { ...common, 'database-url': pg15().url(target) }, s3Env(s3));
    expect(r.code, r.stdout).toBe(0);
    expect(await snapshotDatabase(pg15(), target)).toEqual(await snapshotDatabase(pg15(), source));
    await emptyAndDeleteBucket(s3, bucket);
  });
});

describe('restore without a decoded copy on disk', () => {
  // about 40 MB of dump that zstd stores in about 1 MB: a 24 MiB temp-dir holds the download and the archive's head,
  // never the decoded dump
  let bucket: string;
  let source: string;
  let disk: SmallDisk;
  let rawSize: number;
  const role = `rs_reader_${Date.now()}`;
  const where = () => ['--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', 'nocopy'];
  const restore = (target: string, ...more: string[]) =>
    runCli(
      ['restore', ...where(), '--database-url', pg15().url(target), '--temp-dir', disk.dir, '--yes', ...more],
      s3Env(rgw()),
    );
  // the whole database as SQL, less pg_dump's random \restrict key
  const plainDump = async (db: string) =>
    (await sh('pg_dump', ['--no-sync', '--dbname', pg15().url(db)], { maxBuffer: 512 * 1024 * 1024 })).stdout
      .split('\n')
      .filter((line) => !/^\\(un)?restrict /.test(line))
      .join('\n');

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    source = await awkwardDatabase(pg15());
    await pg15().exec(
      source,
      `CREATE ROLE ${role} NOLOGIN;
       CREATE TABLE filler (id bigint PRIMARY KEY, body text NOT NULL);
       INSERT INTO filler SELECT g, repeat('restore without a decoded copy ', 3) FROM generate_series(1, 400000) g;
       CREATE INDEX filler_body ON filler (body);
       ALTER TABLE filler ADD CONSTRAINT filler_positive CHECK (id > 0);
       ALTER TABLE filler OWNER TO ${role};
       GRANT SELECT ON filler TO PUBLIC;
       COMMENT ON TABLE filler IS 'forty megabytes of dump';`,
    );
    const b = await runCli(
      ['backup', ...where(), '--database-url', pg15().url(source), '--globals', 'false', '--json'],
      s3Env(rgw()),
    );
    expect(b.code, b.stderr).toBe(0);
    rawSize = Number(JSON.parse(b.stdout).rawSize);
    expect(rawSize).toBeGreaterThan(32 * 1024 * 1024);
    expect(Number(JSON.parse(b.stdout).size)).toBeLessThan(4 * 1024 * 1024);
    disk = await smallDisk(24);
  });
  afterAll(async () => {
    await disk?.unmount();
    await emptyAndDeleteBucket(rgw(), bucket);
  });

  test('jobs 1: the pre-flight reads only the head of the stream, pg_restore reads the stream; no decoded copy', async () => {
    const target = await pg15().createDatabase();
    const watching = disk.watch();
    const r = await restore(target, '--jobs', '1');
    const seen = watching.stop();
    expect(r.code, r.stderr).toBe(0);
    const head = Number(/archive head: (\d+) bytes read from the decoding stream/.exec(r.stderr)?.[1]);
    expect(head).toBeGreaterThan(0);
    expect(head).toBeLessThan(rawSize / 8);
    expect(r.stderr).toContain('restore path: one pg_restore reads the decoding stream (jobs 1; no decoded copy)');
    // the download and the head, nothing else: the 24 MiB disk could not have held the decoded dump
    expect(seen.names.filter((n) => n.includes('/')).map((n) => path.basename(n))).not.toContain('archive.dump');
    expect(seen.names.some((n) => n.endsWith('archive-head.dump'))).toBe(true);
    expect(seen.peakUsed).toBeLessThan(disk.bytes);
    expect(seen.peakUsed).toBeLessThan(rawSize);
    expect(await plainDump(target)).toBe(await plainDump(source));
  });

  test('jobs 2: schema from the head, data from the stream, indexes and constraints in parallel: identical', async () => {
    const one = await pg15().createDatabase();
    const two = await pg15().createDatabase();
    expect((await restore(one, '--jobs', '1')).code).toBe(0);
    const r = await restore(two, '--jobs', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /restore path: the schema from the archive's head, the data from the decoding stream, then indexes and constraints with 2 jobs/,
    );
    // rows, sequences, large objects, indexes, constraints, owners, privileges, comments
    const dumped = await plainDump(two);
    expect(dumped).toContain(`ALTER TABLE public.filler OWNER TO ${role};`);
    expect(dumped).toContain('GRANT SELECT ON TABLE public.filler TO PUBLIC;');
    expect(dumped).toBe(await plainDump(one));
    expect(await snapshotDatabase(pg15(), two)).toEqual(await snapshotDatabase(pg15(), source));
  });

  test('a temp-dir too small for the plan is refused before the download, in one line', async () => {
    const target = await pg15().createDatabase();
    const r = await restore(target, '--decoded-copy');
    expect(r.code).toBe(1);
    const line = r.stderr.trim().split('\n').at(-1)!;
    expect(line).toMatch(
      new RegExp(
        `^s3-backup: error: temp-dir: restoring nocopy/\\S+ needs [\\d.]+ [KMG]i?B of temporary disk but ${disk.dir} has [\\d.]+ [KMG]i?B free: free space there or set --temp-dir to a larger disk \\(nothing was downloaded\\)$`,
      ),
    );
    expect(r.stderr).not.toContain('downloading');
    expect(await pg15().query(target, 'SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 2200')).toEqual([
      { n: 0 },
    ]);
  });
});
