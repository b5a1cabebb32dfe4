// The second copy (copy-to) through the bundled CLI and action, with two real S3 servers: the backups on Ceph RGW,
// the copy on fauxqs (or on another RGW bucket, behind the fault proxy or with other credentials). Both complete
// from one stream and restore identically; a copy that fails (denied, unreachable, 5xx after every retry) fails the
// run with the copy's error while the backup itself is complete and latest, and nothing partial is left on the copy;
// a backup missing from the primary is restored from the copy, saying so.
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fauxqs, pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { awkwardDatabase, bulkDatabase } from '../support/fixtures.js';
import { freePort } from '../support/postgres.js';
import { errorLines, runAction, runCli, s3Env, type ProcResult } from '../support/run.js';
import { startMonitorServer } from '../support/monitor-server.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
  makeS3Client,
  type S3Descriptor,
} from '../support/s3-servers.js';
import { keepLastArgs, placeArgs } from '../support/cli-args.js';

const pg15 = () => pg(15);
const ENV = 'ci';

/** The copy's credentials, as the CLI reads them from the environment (never in argv). */
const copyEnv = (s3: { accessKeyId: string; secretAccessKey: string }) => ({
  S3_BACKUP_COPY_ACCESS_KEY_ID: s3.accessKeyId,
  S3_BACKUP_COPY_SECRET_ACCESS_KEY: s3.secretAccessKey,
});

/** The copy's secret keys appear nowhere the product printed or wrote. */
function expectNoCopySecret(...texts: string[]): void {
  for (const secret of [fauxqs().secretAccessKey, rgw().other!.secretAccessKey, rgw().secretAccessKey]) {
    for (const text of texts) expect(text.replace(/^::add-mask::.*$/gm, '')).not.toContain(secret);
  }
}

/** The copy's place, as the CLI's arguments. */
const copyArgs = (bucket: string, prefix: string, endpoint: string) => [
  '--copy-to',
  `s3://${bucket}/${prefix}`,
  '--copy-endpoint',
  endpoint,
];

function lastLine(r: ProcResult): string {
  expect(r.code, r.stderr).toBe(1);
  const last = errorLines(r).at(-1) ?? '';
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  return last;
}

describe('a second copy on another S3 server', () => {
  let primary: string;
  let copyBucket: string;
  let source: string;
  const where = (name: string) => placeArgs(primary, rgw().endpoint, ENV, name);
  const copyTo = (server: S3Descriptor, bucket: string, prefix: string) => copyArgs(bucket, prefix, server.endpoint);
  /**
   * The backup, its sidecars and the pointer under a prefix: exactly these keys (besides the run's globals, set
   * document and named pointers, on the primary and on the copy alike, which second-site.itg.test.ts looks after).
   */
  const expectComplete = async (server: S3Descriptor, bucket: string, prefix: string, key: string) => {
    const ofTheRunsSet = (k: string) => /\/(_globals_|latest\/|sets\/)/.test(k);
    expect((await listAllKeys(server, bucket, `${prefix}/`)).filter((k) => !ofTheRunsSet(k)).sort()).toEqual(
      [key, `${key}.meta`, `${key}.sha256`, `${prefix}/latest.json`].sort(),
    );
    expect(JSON.parse((await getObject(server, bucket, `${prefix}/latest.json`)).toString()).key).toBe(key);
    expect(await listMultipartUploads(server, bucket)).toEqual([]);
  };

  beforeAll(async () => {
    [primary, copyBucket, source] = await Promise.all([
      createBucket(rgw()),
      createBucket(fauxqs()),
      awkwardDatabase(pg15()),
    ]);
  });
  afterAll(async () => {
    await emptyAndDeleteBucket(rgw(), primary);
    await emptyAndDeleteBucket(fauxqs(), copyBucket);
  });

  test('CLI: backup with copy-to fauxqs → both complete, byte-identical; restore --from copy and from the primary are identical', async () => {
    const backup = await runCli(
      [
        'backup',
        '--database-url',
        pg15().url(source),
        ...where('cli'),
        ...copyTo(fauxqs(), copyBucket, 'copies'),
        '--json',
      ],
      { ...s3Env(rgw()), ...copyEnv(fauxqs()) },
    );
    expect(backup.code, backup.stderr).toBe(0);
    const out = JSON.parse(backup.stdout) as Record<string, string>;
    const copyKey = out.key!.replace(`${ENV}/`, 'copies/');
    expect(out.copyStatus).toBe('complete');
    expect(out.copyKey).toBe(copyKey);
    await expectComplete(rgw(), primary, ENV, out.key!);
    await expectComplete(fauxqs(), copyBucket, 'copies', copyKey);
    const [a, b] = await Promise.all([getObject(rgw(), primary, out.key!), getObject(fauxqs(), copyBucket, copyKey)]);
    expect(b.equals(a)).toBe(true);
    const manifestText = (await getObject(fauxqs(), copyBucket, `${copyKey}.meta`)).toString();
    expectNoCopySecret(backup.stdout, backup.stderr, manifestText);
    const manifest = JSON.parse(manifestText);
    expect(manifest).toMatchObject({ key: copyKey, sha256: out.sha256, size: Number(out.size) });
    expect((await getObject(fauxqs(), copyBucket, `${copyKey}.sha256`)).toString()).toBe(
      `${out.sha256}  ${copyKey.split('/').at(-1)}\n`,
    );

    const original = await snapshotDatabase(pg15(), source);
    for (const from of ['copy', 'primary']) {
      const target = await pg15().createDatabase();
      const restore = await runCli(
        [
          'restore',
          '--database-url',
          pg15().url(target),
          ...where('cli'),
          ...copyTo(fauxqs(), copyBucket, 'copies'),
          '--from',
          from,
          '--yes',
        ],
        { ...s3Env(rgw()), ...copyEnv(fauxqs()) },
      );
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stderr).toContain(
        from === 'copy' ? `s3://${copyBucket}/${copyKey}` : `s3://${primary}/${out.key}`,
      );
      expect(await snapshotDatabase(pg15(), target)).toEqual(original);
    }
    const list = await runCli(
      ['list', ...where('cli'), ...copyTo(fauxqs(), copyBucket, 'copies'), '--from', 'copy', '--json'],
      {
        ...s3Env(rgw()),
        ...copyEnv(fauxqs()),
      },
    );
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(copyKey);
    const verify = await runCli(
      ['verify', ...where('cli'), ...copyTo(fauxqs(), copyBucket, 'copies'), '--from', 'copy'],
      {
        ...s3Env(rgw()),
        ...copyEnv(fauxqs()),
      },
    );
    expect(verify.code, verify.stderr).toBe(0);
  });

  test('action: copy-to as masked inputs → copy-key, copy-status and the summary row; restore from: copy is identical', async () => {
    const inputs = {
      bucket: primary,
      endpoint: rgw().endpoint,
      environment: ENV,
      name: 'act',
      'copy-to': `s3://${copyBucket}/act-copies`,
      'copy-endpoint': fauxqs().endpoint,
      'copy-access-key-id': fauxqs().accessKeyId,
      'copy-secret-access-key': fauxqs().secretAccessKey,
    };
    const backup = await runAction('backup', { ...inputs, 'database-url': pg15().url(source) }, s3Env(rgw()));
    expect(backup.code, backup.stdout).toBe(0);
    expect(backup.stdout).toContain(`::add-mask::${fauxqs().secretAccessKey}`);
    const copyKey = backup.outputs.key!.replace(`${ENV}/`, 'act-copies/');
    expect(backup.outputs['copy-status']).toBe('complete');
    expect(backup.outputs['copy-key']).toBe(copyKey);
    expect(backup.summary).toContain(`| Copy | ✅ \`s3://${copyBucket}/${copyKey}\` |`);
    expectNoCopySecret(backup.stdout, backup.stderr, backup.summary, JSON.stringify(backup.outputs));
    await expectComplete(fauxqs(), copyBucket, 'act-copies', copyKey);

    const target = await pg15().createDatabase();
    const restore = await runAction(
      'restore',
      { ...inputs, from: 'copy', 'database-url': pg15().url(target), yes: 'true' },
      s3Env(rgw()),
    );
    expect(restore.code, restore.stdout).toBe(0);
    expect(restore.outputs.key).toBe(copyKey);
    expect(await snapshotDatabase(pg15(), target)).toEqual(await snapshotDatabase(pg15(), source));
  });

  test('the backup deleted from the primary → restore says so in one line and restores from the copy', async () => {
    const env = { ...s3Env(rgw()), ...copyEnv(fauxqs()) };
    const backup = await runCli(
      [
        'backup',
        '--database-url',
        pg15().url(source),
        ...where('gone'),
        ...copyTo(fauxqs(), copyBucket, 'gone-copies'),
        '--json',
      ],
      env,
    );
    expect(backup.code, backup.stderr).toBe(0);
    const key = (JSON.parse(backup.stdout) as { key: string }).key;
    const s3 = makeS3Client(rgw());
    await s3.send(new DeleteObjectCommand({ Bucket: primary, Key: key }));
    s3.destroy();

    const target = await pg15().createDatabase();
    const args = ['restore', '--database-url', pg15().url(target), ...where('gone'), '--yes'];
    const restore = await runCli([...args, ...copyTo(fauxqs(), copyBucket, 'gone-copies')], env);
    expect(restore.code, restore.stderr).toBe(0);
    const said = restore.stderr.split('\n').filter((l) => /restoring from the copy/.test(l));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(
        `the backup cannot be read from s3://${primary}/${ENV} \\(.+\\): restoring from the copy s3://${copyBucket}/gone-copies$`,
      ),
    );
    expect(await snapshotDatabase(pg15(), target)).toEqual(await snapshotDatabase(pg15(), source));
    // from: primary turns the fallback off
    const strict = await runCli([...args, ...copyTo(fauxqs(), copyBucket, 'gone-copies'), '--from', 'primary'], env);
    expect(lastLine(strict)).not.toMatch(/copy/);

    // the primary unreachable: the same line, the copy restored; check --from copy sees the copy's backup
    const port = await freePort();
    const again = await pg15().createDatabase();
    const offline = await runCli(
      [
        'restore',
        '--database-url',
        pg15().url(again),
        ...placeArgs(primary, `http://127.0.0.1:${port}`, ENV, 'gone'),
        '--yes',
        ...copyTo(fauxqs(), copyBucket, 'gone-copies'),
      ],
      env,
    );
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toMatch(/ECONNREFUSED.*\): restoring from the copy s3:\/\/\S+\/gone-copies$/m);
    expect(await snapshotDatabase(pg15(), again)).toEqual(await snapshotDatabase(pg15(), source));
    const check = await runCli(
      [
        'check',
        ...placeArgs(primary, rgw().endpoint, ENV),
        ...copyTo(fauxqs(), copyBucket, 'gone-copies'),
        '--from',
        'copy',
        '--json',
      ],
      env,
    );
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ fresh: true, key: key.replace(`${ENV}/`, 'gone-copies/') });
  });
});

describe('a copy that fails: the run fails with its error, the backup stays complete and latest', () => {
  let primary: string;
  let copyBucket: string;
  let small: string;
  const where = (name: string) => placeArgs(primary, rgw().endpoint, ENV, name);
  /** The backup is stored, with its sidecars, and is latest.json. */
  const expectPrimaryLatest = async (name: string) => {
    const keys = await listAllKeys(rgw(), primary, `${ENV}/`);
    const pointer = JSON.parse((await getObject(rgw(), primary, `${ENV}/latest.json`)).toString()) as { key: string };
    expect(pointer.key).toMatch(new RegExp(`^${ENV}/${name}_${ENV}_\\d{8}_\\d{6}\\.dump\\.zst$`));
    for (const k of [pointer.key, `${pointer.key}.sha256`, `${pointer.key}.meta`]) expect(keys).toContain(k);
  };
  /** Nothing under the copy's prefix, and no unfinished multipart upload. */
  const expectNothingOnCopy = async (prefix: string) => {
    expect(await listAllKeys(rgw(), copyBucket, `${prefix}/`)).toEqual([]);
    expect(await listMultipartUploads(rgw(), copyBucket)).toEqual([]);
  };

  beforeAll(async () => {
    [primary, copyBucket] = await Promise.all([createBucket(rgw()), createBucket(rgw())]);
    small = await pg15().createDatabase();
    await pg15().exec(
      small,
      `CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 500) g;`,
    );
  });
  afterAll(async () => {
    await emptyAndDeleteBucket(rgw(), primary);
    await emptyAndDeleteBucket(rgw(), copyBucket);
  });

  test("denied (the other user's credentials) → copy: … AccessDenied, through the action; monitors-facing failure after the outputs", async () => {
    const r = await runAction(
      'backup',
      {
        'database-url': pg15().url(small),
        bucket: primary,
        endpoint: rgw().endpoint,
        environment: ENV,
        name: 'denied',
        'copy-to': `s3://${copyBucket}/denied`,
        'copy-endpoint': rgw().endpoint,
        'copy-access-key-id': rgw().other!.accessKeyId,
        'copy-secret-access-key': rgw().other!.secretAccessKey,
      },
      s3Env(rgw()),
    );
    expect(r.code, r.stdout).toBe(1);
    const last =
      r.stdout
        .split('\n')
        .filter((l) => l.trim())
        .at(-1) ?? '';
    expect(last).toMatch(/^::error::copy: .*AccessDenied.*: the credentials lack permission/);
    expect(r.outputs['copy-status']).toBe('failed');
    expect(r.outputs['copy-key']).toBe('');
    expect(r.outputs.key).toMatch(/^ci\/denied_ci_/);
    expect(r.summary).toContain('| Copy | ❌ failed: copy: ');
    expectNoCopySecret(r.stdout, r.stderr, r.summary);
    await expectPrimaryLatest('denied');
    await expectNothingOnCopy('denied');
  });

  test('unreachable (nothing listens on the port) → copy: … cannot reach, through the CLI; the monitor gets fail', async () => {
    const port = await freePort();
    const mon = await startMonitorServer();
    const r = await runCli(
      [
        'backup',
        '--database-url',
        pg15().url(small),
        ...where('unreachable'),
        ...copyArgs(copyBucket, 'unreachable', `http://127.0.0.1:${port}`),
        '--healthcheck-url',
        mon.pingUrl,
      ],
      { ...s3Env(rgw()), ...copyEnv(rgw()) },
    );
    expect(lastLine(r)).toMatch(
      new RegExp(`^s3-backup: error: copy: .*cannot reach http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`),
    );
    expectNoCopySecret(r.stdout, r.stderr);
    const pings = mon.requests.filter((q) => q.service === 'healthcheck');
    await mon.stop();
    expect(pings.map((q) => q.path.split('/').at(-1))).toEqual(['start', 'fail']);
    expect(pings[1]!.body).toMatch(/^s3-backup backup FAILED in [\d.]+ s: copy: /);
    await expectPrimaryLatest('unreachable');
    await expectNothingOnCopy('unreachable');
  });

  test('503 on every attempt at the second part of the copy (multipart, mid-stream) → copy: … aborted, nothing partial', async () => {
    const bulk = await bulkDatabase(pg15(), 150_000);
    const proxy = await startFaultProxy(rgw().endpoint, (r) =>
      r.op === 'UploadPart' && r.partNumber === 2 && r.key?.startsWith('fivexx/') ? '503' : undefined,
    );
    try {
      const r = await runCli(
        [
          'backup',
          '--database-url',
          pg15().url(bulk),
          ...where('fivexx'),
          '--part-size',
          '5MiB',
          ...copyArgs(copyBucket, 'fivexx', proxy.endpoint),
        ],
        { ...s3Env(rgw()), ...copyEnv(rgw()) },
      );
      expect(lastLine(r)).toMatch(
        /^s3-backup: error: copy: uploading s3:\/\/\S+\/fivexx\/fivexx_ci_\d{8}_\d{6}\.dump\.zst .*ServiceUnavailable/,
      );
      expect(proxy.injected.length).toBeGreaterThanOrEqual(2);
      expect(proxy.count('CompleteMultipartUpload')).toBe(0);
      expect(proxy.count('AbortMultipartUpload')).toBe(1);
      expectNoCopySecret(r.stdout, r.stderr);
    } finally {
      await proxy.close();
    }
    await expectPrimaryLatest('fivexx');
    // the primary is whole: its checksum holds
    const verify = await runCli(['verify', ...where('fivexx')], s3Env(rgw()));
    expect(verify.code, verify.stderr).toBe(0);
    await expectNothingOnCopy('fivexx');
  });

  test('the backup failing after its copy was uploaded (its .sha256 refused) → the copy is removed too', async () => {
    const proxy = await startFaultProxy(rgw().endpoint, (r) =>
      r.op === 'PutObject' && r.bucket === primary && r.key?.endsWith('.dump.zst.sha256') ? '503' : undefined,
    );
    try {
      const r = await runCli(
        [
          'backup',
          '--database-url',
          pg15().url(small),
          ...placeArgs(primary, proxy.endpoint, ENV, 'nobackup'),
          ...copyArgs(copyBucket, 'nobackup', rgw().endpoint),
        ],
        { ...s3Env(rgw()), ...copyEnv(rgw()) },
      );
      expect(lastLine(r)).toMatch(/^s3-backup: error: writing s3:\/\/\S+\/nobackup_ci_\d{8}_\d{6}\.dump\.zst\.sha256 /);
      expect(r.stderr).toMatch(/^copying to s3:\/\/\S+\/nobackup\/nobackup_ci_/m);
    } finally {
      await proxy.close();
    }
    await expectNothingOnCopy('nobackup');
    expect((await listAllKeys(rgw(), primary, `${ENV}/`)).filter((k) => k.includes('nobackup'))).toEqual([]);
  });
});

describe('a copy on the same server and credentials (another bucket) is made by the server', () => {
  let primary: string;
  let copyBucket: string;
  let small: string;
  beforeAll(async () => {
    [primary, copyBucket] = await Promise.all([createBucket(rgw()), createBucket(rgw())]);
    small = await pg15().createDatabase();
    await pg15().exec(small, `CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100);`);
  });
  afterAll(async () => {
    await emptyAndDeleteBucket(rgw(), primary);
    await emptyAndDeleteBucket(rgw(), copyBucket);
  });

  test('CopyObject, no byte sent twice; then prune --from copy applies its own policy to the copy only', async () => {
    const proxy = await startFaultProxy(rgw().endpoint, () => undefined);
    const backup = (name: string) =>
      runCli(
        [
          'backup',
          '--database-url',
          pg15().url(small),
          ...placeArgs(primary, proxy.endpoint, ENV, name),
          ...copyArgs(copyBucket, 'kept', proxy.endpoint),
          '--json',
        ],
        s3Env(rgw()),
      );
    let keys: string[];
    try {
      const first = await backup('same');
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain('with the same credentials as the backups (same provider and endpoint)');
      expect(first.stderr).toMatch(/copying to s3:\/\/\S+ on the server/);
      const out = JSON.parse(first.stdout) as Record<string, string>;
      expect(out.copyStatus).toBe('complete');
      const onCopyKey = proxy.seen.filter((r) => r.bucket === copyBucket && r.key === out.copyKey).map((r) => r.op);
      expect(onCopyKey).toContain('CopyObject');
      expect(onCopyKey).not.toContain('PutObject');
      expect(onCopyKey).not.toContain('UploadPart');
      const [a, b] = await Promise.all([
        getObject(rgw(), primary, out.key!),
        getObject(rgw(), copyBucket, out.copyKey!),
      ]);
      expect(b.equals(a)).toBe(true);
      const second = await backup('same');
      expect(second.code, second.stderr).toBe(0);
      keys = [out.copyKey!, (JSON.parse(second.stdout) as Record<string, string>).copyKey!];
    } finally {
      await proxy.close();
    }
    const backupsIn = async (bucket: string, prefix: string) =>
      (await listAllKeys(rgw(), bucket, `${prefix}/`)).filter((k) => k.endsWith('.dump.zst'));
    const prune = await runCli(
      [
        'prune',
        ...placeArgs(primary, rgw().endpoint, ENV),
        '--from',
        'copy',
        ...copyArgs(copyBucket, 'kept', rgw().endpoint),
        ...keepLastArgs(1),
        '--keep-yearly',
        '0',
      ],
      s3Env(rgw()),
    );
    expect(prune.code, prune.stderr).toBe(0);
    expect((await backupsIn(copyBucket, 'kept')).sort()).toEqual([keys[1]]);
    expect(await backupsIn(primary, ENV)).toHaveLength(2);
  });
});
