// Multi-stream backups (streams: N): one exported snapshot, a schema part and N data parts, each its own object with
// its own .sha256; restored with the data parts loading `jobs` at a time, identical to the source; a part that fails
// leaves nothing; a tampered part is refused before the target is touched; a drill of one.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { formatBytes } from '../../src/core/format.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fauxqs, pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { awkwardDatabase } from '../support/fixtures.js';
import { backupArgs, keepLastArgs, placeArgs } from '../support/cli-args.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { freePort, startPostgres, type PgServer } from '../support/postgres.js';
import { errorLines, runCli, s3Env } from '../support/run.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
  makeS3Client,
} from '../support/s3-servers.js';
import { beforeRunEnds, waitUntil } from '../support/wait.js';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const pg15 = () => pg(15);
const ROLE = 'streams_reader';

/** Owners, grants and comments the snapshot leaves out, comparable across majors (PostgreSQL 17 gave owners MAINTAIN). */
async function privileges(major: 15 | 18, db: string) {
  return pg(major).query(
    db,
    `SELECT c.relname, c.relkind::text AS kind, replace(c.relacl::text, 'arwdDxtm/', 'arwdDxt/') AS acl,
            pg_get_userbyid(c.relowner) AS owner, obj_description(c.oid, 'pg_class') AS comment
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p', 'm', 'v', 'S')
      ORDER BY 1`,
  );
}

/** The restore path's words for `parts` data parts and the schema part's data, loaded `loads` at a time. */
const loadedAtATime = (parts: number, loads: number) =>
  `${parts} data parts loaded ${loads > parts ? 'at once' : `${loads} at a time`}`;

/**
 * A tools folder for --pg-bin-dir: PostgreSQL 15's client tools, with pg_restore behind a script that writes a line
 * when each run starts and when it ends; `mostAtOnce` reads how many runs (of those whose arguments hold `arg`)
 * overlapped at most. The first data load to start is held open, once loaded, until a run building indexes early has
 * ended (at most 30 s): the other loads and that run happen while it still runs, by construction.
 */
async function recordingPgRestore() {
  const dir = await mkdtemp(path.join(tmpdir(), 'pg-tools-'));
  const real = '/usr/lib/postgresql/15/bin';
  for (const tool of await readdir(real))
    if (tool !== 'pg_restore') await symlink(path.join(real, tool), path.join(dir, tool));
  const log = path.join(dir, 'runs.log');
  await writeFile(
    path.join(dir, 'pg_restore'),
    [
      '#!/bin/sh',
      `echo "start $$ $*" >> ${log}`,
      `${real}/pg_restore "$@"`,
      'rc=$?',
      `case "$*" in *--section=data*) mkdir ${dir}/held 2>/dev/null && held=1;; esac`,
      'i=0',
      `while [ -n "$held" ] && [ $i -lt 300 ] && ! grep -q '^end .*early-post-data' ${log}; do sleep 0.1; i=$((i+1)); done`,
      `echo "end $$ $*" >> ${log}`,
      'exit $rc',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const mostAtOnce = async (arg: string) => {
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    const watched = new Set(lines.filter((l) => l.startsWith('start ') && l.includes(arg)).map((l) => l.split(' ')[1]));
    let now = 0;
    let most = 0;
    for (const [what, pid] of lines.map((l) => l.split(' '))) {
      if (!watched.has(pid!)) continue;
      now += what === 'start' ? 1 : -1;
      most = Math.max(most, now);
    }
    return { runs: watched.size, most };
  };
  const runs = async () => (await readFile(log, 'utf8')).trim().split('\n');
  return { dir, mostAtOnce, runs };
}

describe('streams: a backup of several data streams from one snapshot', () => {
  let bucket: string;
  let source: string;
  const place = () => ({ bucket, endpoint: rgw().endpoint, environment: 'ms', name: 'multi' });
  const where = () => placeArgs(bucket, rgw().endpoint, 'ms', 'multi');

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    source = await awkwardDatabase(pg15());
    await pg15().exec(
      'postgres',
      `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE}; END IF; END $$`,
    );
    // more rows in a few tables, so that the parts differ in size; a grant for the role
    await pg15().exec(
      source,
      `CREATE TABLE big_one (id int PRIMARY KEY, body text);
       INSERT INTO big_one SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 20000) g;
       CREATE TABLE big_two (id serial PRIMARY KEY, body text);
       INSERT INTO big_two (body) SELECT repeat(md5(g::text), 4) FROM generate_series(1, 10000) g;
       GRANT SELECT ON big_one TO ${ROLE};
       COMMENT ON TABLE big_two IS 'the second big one';
       ALTER DATABASE ${source} SET work_mem = '8MB';
       COMMENT ON DATABASE ${source} IS 'several streams';`,
    );
    const r = await runCli([...backupArgs(pg15().url(source), place()), '--streams', '3'], s3Env(rgw()));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/streams: 3 data parts from one snapshot \(asked\)/);
    // the four pg_dumps' tables add up to one share, whose last line says all of them are dumped
    expect(r.stderr).toMatch(
      /^progress: 100% \(tables\), uploaded [\d.]+ (KiB|MiB) {2}[\d.]+ (B|KiB|MiB)\/s {2}\d+:\d\d$/m,
    );
  });
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('the schema part at the key, three data parts beside it, each with a .sha256 sha256sum -c reads', async () => {
    const keys = await listAllKeys(rgw(), bucket, 'ms/');
    const main = keys.find((k) => /^ms\/multi_ms_\d{8}_\d{6}\.dump\.zst$/.test(k))!;
    expect(main).toBeDefined();
    const stem = main.replace(/\.dump\.zst$/, '');
    const parts = [1, 2, 3].map((i) => `${stem}.part-000${i}.dump.zst`);
    for (const k of [main, ...parts]) {
      expect(keys).toContain(k);
      const body = await getObject(rgw(), bucket, k);
      const sidecar = (await getObject(rgw(), bucket, `${k}.sha256`)).toString();
      expect(sidecar).toBe(`${createHash('sha256').update(body).digest('hex')}  ${k.split('/').pop()}\n`);
    }
    const manifest = JSON.parse((await getObject(rgw(), bucket, `${main}.meta`)).toString());
    expect(manifest.parts.map((p: { key: string }) => p.key)).toEqual(parts);

    // the largest table is alone in its part
    expect(manifest.parts.find((p: { tables: string[] }) => p.tables.includes('public.big_one')).tables).toEqual([
      'public.big_one',
    ]);
    expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
    const list = await runCli(['list', ...where()], s3Env(rgw()));
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('4 objects');
  });

  test('restored into PostgreSQL 15 and 18: identical rows, sequences, large objects, schema, grants', async () => {
    const original = await snapshotDatabase(pg15(), source);
    const keys = await listAllKeys(rgw(), bucket, 'ms/');
    const main = keys.find((k) => /^ms\/multi_ms_\d{8}_\d{6}\.dump\.zst$/.test(k))!;
    const manifest = JSON.parse((await getObject(rgw(), bucket, `${main}.meta`)).toString());
    const stored = manifest.size + manifest.parts.reduce((n: number, p: { size: number }) => n + p.size, 0);
    const [{ n: tables }] = await pg15().query(
      source,
      "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')",
    );
    const grants = await privileges(15, source);
    // on 15, the real pg_restore behind a script that notes when each one starts and ends
    const tools = await recordingPgRestore();
    for (const major of [15, 18] as const) {
      const target = await pg(major).createDatabase();
      const r = await runCli(
        [
          'restore',
          ...where(),
          '--database-url',
          pg(major).url(target),
          '--yes',
          '--jobs',
          '2',
          ...(major === 15 ? ['--pg-bin-dir', tools.dir] : []),
        ],
        s3Env(rgw()),
      );
      expect(r.code, r.stderr).toBe(0);
      // the schema part's data and the three parts: two loads at a time, never more (jobs 2)
      expect(r.stderr).toContain(loadedAtATime(3, 2));
      if (major === 15) {
        const loads = await tools.mostAtOnce('--section=data');
        expect(loads.runs).toBe(4);
        expect(loads.most).toBeLessThanOrEqual(2);
        // while the held load ran, the loaded parts' indexes were built, in the wave's places (jobs 2); the post-data
        // step after the last load built only the rest
        expect((await tools.mostAtOnce('--dbname=')).most).toBeLessThanOrEqual(2);
        const runs = await tools.runs();
        const at = (re: RegExp) => runs.findIndex((l) => re.test(l));
        const heldEnd = runs.map((l) => /^end .*--section=data/.test(l)).lastIndexOf(true);
        expect(at(/^start .*--section=post-data --use-list=\S*early-post-data-1\.list/)).toBeGreaterThan(-1);
        expect(at(/^end .*early-post-data-1\.list/)).toBeLessThan(heldEnd);
        // the rest (a foreign key, a trigger, a refresh …) after the last load
        expect(at(/^start .*--jobs=2 --section=post-data --use-list=\S*\/post-data\.list/)).toBeGreaterThan(heldEnd);
      }
      // the four downloads at once on one line: their bytes summed, of the four objects' sizes
      const downloads = r.stderr.match(/^progress: downloaded .*$/gm) ?? [];
      expect(downloads.length).toBeGreaterThanOrEqual(1);
      for (const line of downloads) expect(line).toContain(` of ${formatBytes(stored)} (`);
      // the restore by entries: the schema part's and the data parts' tables summed, the last line at 100%
      expect(r.stderr).toMatch(
        new RegExp(`^progress: restore (\\d+)/\\1 entries \\(100%\\), data ${tables}/${tables} tables`, 'm'),
      );
      expect(await snapshotDatabase(pg(major), target)).toEqual(original);
      expect(await privileges(major, target)).toEqual(grants);
    }
    await rm(tools.dir, { recursive: true });
  });

  test('validate --all, then restore --all onto a new PostgreSQL 18 server: the role, the properties and the data', async () => {
    const fresh: PgServer = await startPostgres(18);
    try {
      // the drill of the set: the database's three data parts loaded at once and compared with its manifest
      const drill = await runCli(
        ['validate', ...placeArgs(bucket, rgw().endpoint, 'ms'), '--all', '--database-url', fresh.url('postgres')],
        s3Env(rgw()),
      );
      expect(drill.code, drill.stderr).toBe(0);
      expect(drill.stderr).toContain('and 3 data parts');
      expect(drill.stdout).toMatch(/^passed: /m);
      const r = await runCli(
        [
          'restore',
          ...placeArgs(bucket, rgw().endpoint, 'ms'),
          '--all',
          '--database-url',
          fresh.url('postgres'),
          '--yes',
        ],
        s3Env(rgw()),
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('and 3 data parts');
      // the database's restore by entries, named
      expect(r.stderr).toMatch(new RegExp(`^progress: ${source}: restore (\\d+)/\\1 entries \\(100%\\)`, 'm'));
      // the temporary disk checked before the download: every member's object and every data part, 16 MiB a member
      const set = JSON.parse((await getObject(rgw(), bucket, 'ms/sets/latest.json')).toString()).key;
      const members = JSON.parse((await getObject(rgw(), bucket, set)).toString()).members as Array<{
        key: string;
        size: number;
      }>;
      const partsOf = async (key: string) =>
        (
          (JSON.parse((await getObject(rgw(), bucket, `${key}.meta`)).toString()).parts ?? []) as Array<{
            size: number;
          }>
        ).reduce((n, p) => n + p.size, 0);
      const parts = (await Promise.all(members.map((m) => partsOf(m.key)))).reduce((n, b) => n + b, 0);
      const need = members.reduce((n, m) => n + m.size + 16 * 2 ** 20, 0) + parts;
      expect(formatBytes(need - parts)).not.toBe(formatBytes(need));
      expect(r.stderr).toContain(`temporary disk: ${formatBytes(need)} needed`);
      const props = `SELECT shobj_description(oid, 'pg_database') AS comment,
          (SELECT setconfig::text FROM pg_db_role_setting WHERE setdatabase = d.oid AND setrole = 0) AS config
          FROM pg_database d WHERE datname = '${source}'`;
      expect(await fresh.query('postgres', props)).toEqual(await pg15().query('postgres', props));
      expect(await fresh.query('postgres', `SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'`)).toHaveLength(1);
      expect(await snapshotDatabase(fresh, source)).toEqual(await snapshotDatabase(pg15(), source));
    } finally {
      await fresh.stop();
    }
  });

  test('verify reads every part; validate: the drill restores the parts and matches the manifest', async () => {
    const v = await runCli(['verify', ...where()], s3Env(rgw()));
    expect(v.code, v.stderr).toBe(0);
    expect(v.stderr.match(/data part \d of 3/g)).toEqual(['data part 1 of 3', 'data part 2 of 3', 'data part 3 of 3']);
    const r = await runCli(['validate', ...where(), '--database-url', pg(18).url('postgres')], s3Env(rgw()));
    expect(r.code, r.stderr).toBe(0);
    // as many loads at a time as there are cores
    expect(r.stderr).toContain(loadedAtATime(3, Math.min(8, availableParallelism())));
    expect(r.stderr).toMatch(/^progress: restore (\d+)\/\1 entries \(100%\), data (\d+)\/\2 tables/m);
    expect(r.stdout).toMatch(/^passed: /m);
  });

  test('a part failing midway: the parts stored so far removed, nothing unfinished, latest unchanged', async () => {
    const before = (await listAllKeys(rgw(), bucket, 'ms/')).sort();
    const latest = (await getObject(rgw(), bucket, 'ms/latest.json')).toString();
    // the second data part's upload hangs until the others are stored, then fails (access denied: not retried)
    const proxy = await startFaultProxy(rgw().endpoint, (q) =>
      q.op === 'PutObject' && q.key?.includes('.part-0002.') ? (q.n === 1 ? 'stall' : '403') : undefined,
    );
    try {
      const run = runCli(
        [
          ...backupArgs(pg15().url(source), { ...place(), endpoint: proxy.endpoint }),
          '--streams',
          '3',
          '--globals',
          'false',
        ],
        s3Env(rgw()),
      );
      await waitUntil(
        'the schema part and the other data parts stored',
        async () =>
          (await listAllKeys(rgw(), bucket, 'ms/')).filter((k) => !before.includes(k) && /\.dump\.zst$/.test(k))
            .length === 3,
        { run },
      );
      // the stall must be in place before it is released, or the part would wait for the s3-timeout instead
      await beforeRunEnds(
        'the second data part stalled',
        proxy.whenInjected((f) => f.key?.includes('.part-0002.') === true),
        run,
      );
      proxy.release();
      const r = await run;
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/AccessDenied|access denied/i);
    } finally {
      await proxy.close();
    }
    expect((await listAllKeys(rgw(), bucket, 'ms/')).sort()).toEqual(before);
    expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
    expect((await getObject(rgw(), bucket, 'ms/latest.json')).toString()).toBe(latest);
  });

  test('a tampered data part is refused before the target is touched', async () => {
    const keys = await listAllKeys(rgw(), bucket, 'ms/');
    const part = keys.find((k) => k.endsWith('.part-0002.dump.zst'))!;
    const body = Buffer.from(await getObject(rgw(), bucket, part));
    const middle = body.length >> 1;
    body[middle] = body[middle]! ^ 0xff;
    await makeS3Client(rgw()).send(new PutObjectCommand({ Bucket: bucket, Key: part, Body: body }));
    const target = await pg15().createDatabase();
    // the downloads run at once: the refusal stops the others and removes every one of them
    const temp = await mkdtemp(path.join(tmpdir(), 's3b-streams-'));
    const r = await runCli(
      ['restore', ...where(), '--database-url', pg15().url(target), '--yes', '--temp-dir', temp],
      s3Env(rgw()),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/checksum mismatch for .*\.part-0002\.dump\.zst.*target untouched/);
    expect(await readdir(temp)).toEqual([]);
    await rm(temp, { recursive: true });
    expect(
      await pg15().query(target, "SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace"),
    ).toEqual([{ n: 0 }]);
  });

  test('prune deletes a multi-stream backup with its parts and their sidecars', async () => {
    const old = (await listAllKeys(rgw(), bucket, 'ms/')).find((k) => /multi_ms_\d{8}_\d{6}\.dump\.zst$/.test(k))!;
    const stem = old.replace(/\.dump\.zst$/, '');
    expect((await listAllKeys(rgw(), bucket, 'ms/')).filter((k) => k.startsWith(`${stem}.part-`))).toHaveLength(6);
    const b = await runCli(
      [...backupArgs(pg15().url(source), place()), '--streams', '2', '--globals', 'false'],
      s3Env(rgw()),
    );
    expect(b.code, b.stderr).toBe(0);
    const r = await runCli(['prune', ...where(), ...keepLastArgs(1)], s3Env(rgw()));
    expect(r.code, r.stderr).toBe(0);
    const keys = await listAllKeys(rgw(), bucket, 'ms/');
    expect(keys.filter((k) => k.startsWith(stem))).toEqual([]);
    expect(keys.filter((k) => k.includes('.part-'))).toHaveLength(4);
  });
  describe('copy-to: every part on the second site', () => {
    let primary: string;
    let copyBucket: string;
    const copyEnv = () => ({
      ...s3Env(rgw()),
      S3_BACKUP_COPY_ACCESS_KEY_ID: fauxqs().accessKeyId,
      S3_BACKUP_COPY_SECRET_ACCESS_KEY: fauxqs().secretAccessKey,
    });
    const copyTo = () => ['--copy-to', `s3://${copyBucket}/copies`, '--copy-endpoint', fauxqs().endpoint];
    let out: Record<string, string>;

    beforeAll(async () => {
      [primary, copyBucket] = await Promise.all([createBucket(rgw()), createBucket(fauxqs())]);
      const r = await runCli(
        [
          ...backupArgs(pg15().url(source), { bucket: primary, endpoint: rgw().endpoint, environment: 'ms' }),
          '--name',
          'multi',
          '--streams',
          '2',
          '--globals',
          'false',
          ...copyTo(),
          '--json',
        ],
        copyEnv(),
      );
      expect(r.code, r.stderr).toBe(0);
      out = JSON.parse(r.stdout);
    });
    afterAll(async () => {
      await emptyAndDeleteBucket(rgw(), primary);
      await emptyAndDeleteBucket(fauxqs(), copyBucket);
    });

    test('each part and its .sha256 on both sites; restore and verify from the copy alone (primary unreachable)', async () => {
      expect(out.copyStatus).toBe('complete');
      const copyKey = out.copyKey!;
      const stem = (k: string) => k.replace(/\.dump\.zst$/, '');
      const objects = (k: string) => [
        k,
        `${k}.meta`,
        `${k}.sha256`,
        ...[1, 2].flatMap((i) => [`${stem(k)}.part-000${i}.dump.zst`, `${stem(k)}.part-000${i}.dump.zst.sha256`]),
      ];
      const copyKeys = (await listAllKeys(fauxqs(), copyBucket, 'copies/')).filter((k) => !k.includes('latest'));
      expect(copyKeys.sort()).toEqual(objects(copyKey).sort());
      for (const i of [1, 2]) {
        const [a, b] = await Promise.all([
          getObject(rgw(), primary, `${stem(out.key!)}.part-000${i}.dump.zst`),
          getObject(fauxqs(), copyBucket, `${stem(copyKey)}.part-000${i}.dump.zst`),
        ]);
        expect(b.equals(a)).toBe(true);
        const sidecar = (
          await getObject(fauxqs(), copyBucket, `${stem(copyKey)}.part-000${i}.dump.zst.sha256`)
        ).toString();
        expect(sidecar).toBe(
          `${createHash('sha256').update(b).digest('hex')}  ${stem(copyKey).split('/').pop()}.part-000${i}.dump.zst\n`,
        );
      }
      const manifest = JSON.parse((await getObject(fauxqs(), copyBucket, `${copyKey}.meta`)).toString());
      expect(manifest.parts.map((p: { key: string }) => p.key)).toEqual(
        [1, 2].map((i) => `${stem(copyKey)}.part-000${i}.dump.zst`),
      );
      expect(await listMultipartUploads(fauxqs(), copyBucket)).toEqual([]);

      // the primary's endpoint answers nothing: everything comes from the copy
      const nowhere = `http://127.0.0.1:${await freePort()}`;
      const fromCopy = [...placeArgs(primary, nowhere, 'ms', 'multi'), ...copyTo(), '--from', 'copy'];
      const target = await pg15().createDatabase();
      const r = await runCli(['restore', ...fromCopy, '--database-url', pg15().url(target), '--yes'], copyEnv());
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(loadedAtATime(2, Math.min(8, availableParallelism())));
      expect(await snapshotDatabase(pg15(), target)).toEqual(await snapshotDatabase(pg15(), source));
      expect(await privileges(15, target)).toEqual(await privileges(15, source));
      const v = await runCli(['verify', ...fromCopy], copyEnv());
      expect(v.code, v.stderr).toBe(0);
      expect(v.stderr.match(/data part \d of 2/g)).toEqual(['data part 1 of 2', 'data part 2 of 2']);
    });

    test('bucket audit of the copy: a deleted part and a deleted part sidecar fail the checksums check', async () => {
      const audit = () =>
        runCli(
          [
            'bucket',
            'audit',
            ...placeArgs(primary, rgw().endpoint, 'ms', 'multi'),
            ...copyTo(),
            '--from',
            'copy',
            '--json',
          ],
          copyEnv(),
        );
      const checksums = (r: { stdout: string }) =>
        (JSON.parse(r.stdout).report as Array<{ check: string; status: string; detail: string }>).find(
          (c) => c.check === 'recent checksums',
        );
      expect(checksums(await audit())).toMatchObject({ status: 'ok' });
      const stem = out.copyKey!.replace(/\.dump\.zst$/, '');
      const s3 = makeS3Client(fauxqs());
      await s3.send(new DeleteObjectCommand({ Bucket: copyBucket, Key: `${stem}.part-0001.dump.zst` }));
      await s3.send(new DeleteObjectCommand({ Bucket: copyBucket, Key: `${stem}.part-0002.dump.zst.sha256` }));
      const name = stem.split('/').pop();
      expect(checksums(await audit())).toEqual({
        check: 'recent checksums',
        status: 'fail',
        detail: `${out.copyKey}: data part ${name}.part-0001.dump.zst missing, data part ${name}.part-0002.dump.zst: no checksum sidecar`,
      });
    });
    test('one account: the server copies every part, each with its .sha256; verify --from copy reads them', async () => {
      const same = await createBucket(rgw());
      try {
        const place = { bucket: primary, endpoint: rgw().endpoint, environment: 'ms', name: 'multi' };
        const copyTo = ['--copy-to', `s3://${same}/same`, '--copy-endpoint', rgw().endpoint];
        const r = await runCli(
          [...backupArgs(pg15().url(source), place, '--streams', '2', '--globals', 'false', ...copyTo, '--json')],
          s3Env(rgw()),
        );
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('on the server');
        const { key, copyKey, copyStatus } = JSON.parse(r.stdout) as Record<string, string>;
        expect(copyStatus).toBe('complete');
        const parts = (k: string) => [1, 2].map((i) => k.replace(/\.dump\.zst$/, `.part-000${i}.dump.zst`));
        const stored = (await listAllKeys(rgw(), same, 'same/')).filter((k) => !k.includes('latest'));
        expect(stored.sort()).toEqual(
          [copyKey!, ...parts(copyKey!)]
            .flatMap((k) => [k, `${k}.sha256`])
            .concat(`${copyKey}.meta`)
            .sort(),
        );
        for (const [i, p] of parts(copyKey!).entries()) {
          const [a, b] = await Promise.all([getObject(rgw(), primary, parts(key!)[i]!), getObject(rgw(), same, p)]);
          expect(b.equals(a)).toBe(true);
        }
        const v = await runCli(
          ['verify', ...placeArgs(primary, rgw().endpoint, 'ms', 'multi'), ...copyTo, '--from', 'copy'],
          s3Env(rgw()),
        );
        expect(v.code, v.stderr).toBe(0);
        expect(v.stderr.match(/data part \d of 2/g)).toEqual(['data part 1 of 2', 'data part 2 of 2']);
      } finally {
        await emptyAndDeleteBucket(rgw(), same);
      }
    });

    test('a copy failing on one part: the copy leaves nothing, the backup is complete and latest, the run fails', async () => {
      const copyBucket2 = await createBucket(rgw());
      // the second data part's copy waits until the other parts reached the copy, then is refused (not retried)
      const proxy = await startFaultProxy(rgw().endpoint, (q) =>
        q.op === 'PutObject' && q.bucket === copyBucket2 && q.key?.includes('.part-0002.')
          ? q.n === 1
            ? 'stall'
            : '403'
          : undefined,
      );
      try {
        const run = runCli(
          [
            ...backupArgs(pg15().url(source), {
              bucket: primary,
              endpoint: rgw().endpoint,
              environment: 'ms',
              name: 'multi',
            }),
            ...[
              '--streams',
              '2',
              '--globals',
              'false',
              '--copy-to',
              `s3://${copyBucket2}/copies`,
              '--copy-endpoint',
              proxy.endpoint,
            ],
          ],
          {
            ...s3Env(rgw()),
            S3_BACKUP_COPY_ACCESS_KEY_ID: rgw().accessKeyId,
            S3_BACKUP_COPY_SECRET_ACCESS_KEY: rgw().secretAccessKey,
          },
        );
        await waitUntil(
          'the schema part and the first data part on the copy',
          async () =>
            (await listAllKeys(rgw(), copyBucket2, 'copies/')).filter((k) => /\.dump\.zst$/.test(k)).length === 2,
          { run },
        );
        await proxy.whenInjected((f) => f.fault === 'stall');
        proxy.release();
        const r = await run;
        expect(r.code).toBe(1);
        expect(errorLines(r).at(-1)).toMatch(/copy: .*AccessDenied/);
        // the backup itself: complete, with its parts and their sidecars, and latest
        const key = JSON.parse((await getObject(rgw(), primary, 'ms/latest.json')).toString()).key as string;
        expect(key).not.toBe(out.key);
        const keys = await listAllKeys(rgw(), primary, 'ms/');
        for (const k of [key, `${key}.meta`, `${key}.sha256`]) expect(keys).toContain(k);
        expect(keys.filter((k) => k.startsWith(key.replace(/\.dump\.zst$/, '.part-')))).toHaveLength(4);
        expect(await listAllKeys(rgw(), copyBucket2, 'copies/')).toEqual([]);
        expect(await listMultipartUploads(rgw(), copyBucket2)).toEqual([]);
      } finally {
        await proxy.close();
        await emptyAndDeleteBucket(rgw(), copyBucket2);
      }
    });
  });
});
