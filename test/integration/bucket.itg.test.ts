// bucket init → bucket audit on Ceph RGW 16, the generated bucket policy with the `other` user as the backup role,
// and SSE-S3 default encryption through the exact request sent (Ceph 16 implements no bucket default encryption).
import {
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bucketInit } from '../../src/bucket/init.js';
import { runContext } from '../../src/hosts/runner.js';
import { parseBucketInitOptions } from '../../src/options/maintenance.js';
import { isClaimKey } from '../../src/core/naming.js';
import { createS3Client } from '../../src/s3/client.js';
import { fauxqs, pg, rgw } from '../support/context.js';
import { dailyHistory, writeHistory } from '../support/history.js';
import { capture, errorLines, runAction, runCli, s3Env } from '../support/run.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  listAllKeys,
  makeS3Client,
  uniqueBucketName,
  type S3Descriptor,
} from '../support/s3-servers.js';

const asOther = (s: S3Descriptor) => ({
  ...s3Env(s),
  AWS_ACCESS_KEY_ID: s.other!.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s.other!.secretAccessKey,
});
const statuses = (checks: Array<{ check: string; status: string }>) =>
  Object.fromEntries(checks.map((c) => [c.check, c.status]));

describe('bucket init → bucket audit', () => {
  const bucket = uniqueBucketName('init');
  const common = () => ['--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', 'prod'];
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('init creates the bucket and sets everything Ceph 16 can do; it says which step the server refused', async () => {
    const r = await runCli(['bucket', 'init', ...common(), '--object-lock', '--json'], s3Env(rgw()));
    expect(r.code).toBe(1);
    const steps = Object.fromEntries(
      (JSON.parse(r.stdout).report as Array<{ step: string; status: string; detail: string }>).map((s) => [s.step, s]),
    );
    expect(steps.bucket).toMatchObject({ status: 'done', detail: 'created in us-east-1 with Object Lock' });
    expect(steps.versioning!.status).toBe('already'); // Object Lock turned it on at creation
    expect(steps['Object Lock']!.status).toBe('done');
    expect(steps.lifecycle).toMatchObject({ status: 'done', detail: '5 rules for prod/ (0 other rules kept)' });
    // Ceph RGW 16: no PutBucketEncryption, and BlockPublicAcls refuses every upload — left off, the other three on
    expect(steps['default encryption']).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/^InvalidArgument/),
    });
    expect(steps['public access block']).toMatchObject({
      status: 'partial',
      detail: expect.stringMatching(/refuses every upload while BlockPublicAcls is set/),
    });
    expect(errorLines(r).at(-1)).toBe(
      `s3-backup: error: bucket init: s3://${bucket} is set up except default encryption (InvalidArgument): the server refused it; see the table above, or accept the gap with allow-unsupported: encryption`,
    );

    const again = await runCli(['bucket', 'init', ...common(), '--object-lock', '--json'], s3Env(rgw()));
    const second = Object.fromEntries(
      (JSON.parse(again.stdout).report as Array<{ step: string; status: string }>).map((s) => [s.step, s.status]),
    );
    expect(second).toMatchObject({
      bucket: 'already',
      versioning: 'already',
      'Object Lock': 'already',
      lifecycle: 'done',
    });
  });

  test('a backup into the new bucket works; the audit is ✓ but for what Ceph 16 cannot do', async () => {
    const db = await pg(15).createDatabase();
    await pg(15).exec(db, 'CREATE TABLE t (id int);');
    const b = await runAction(
      'backup',
      { 'database-url': pg(15).url(db), bucket, endpoint: rgw().endpoint, environment: 'prod', audit: 'true' },
      s3Env(rgw()),
    );
    expect(b.code, b.stdout).toBe(0);
    expect(b.summary).toContain('#### Bucket audit');
    expect(b.summary).toMatch(/\| versioning \| ✓ \| enabled \|/);

    const r = await runCli(['bucket', 'audit', ...common(), '--json'], s3Env(rgw()));
    expect(r.code).toBe(1); // a ✗ fails the audit
    const checks = JSON.parse(r.stdout).report;
    expect(statuses(checks)).toEqual({
      'default encryption': 'fail', // Ceph 16 keeps no bucket default encryption
      versioning: 'ok',
      'public access blocked': 'fail', // BlockPublicAcls left off (see init)
      'lifecycle expiration': 'ok',
      'abort incomplete uploads': 'ok',
      'Object Lock': 'ok',
      'recent checksums': 'ok',
      'last restore drill': 'unknown', // no drill recorded yet (validate records one)
      replication: 'unknown', // Ceph keeps no replication rule: a second copy is a choice, not a failure
      'newest backup replicated': 'unknown',
    });
    expect(checks.find((c: { check: string }) => c.check === 'public access blocked').detail).toBe(
      'not set: BlockPublicAcls',
    );
    expect(errorLines(r).at(-1)).toBe(
      's3-backup: error: bucket audit: 2 of 10 checks failed (default encryption, public access blocked); see the table above',
    );

    // a restore drill (validate) appends its record; the audit reads the newest records
    const drill = await runCli(['validate', '--database-url', pg(15).url('postgres'), ...common()], s3Env(rgw()));
    expect(drill.code, drill.stderr).toBe(0);
    const text = await runCli(['bucket', 'audit', ...common()], s3Env(rgw()));
    expect(text.stdout).toMatch(
      new RegExp(`^✓ +last restore drill +${b.outputs.key} restored and matched by the drill of \\d{4}-\\S+$`, 'm'),
    );
    expect(text.stdout).toMatch(/^✗ +default encryption +no default encryption rule$/m);
  });

  test('AccessDenied is "unknown", not a crash (the other user may read nothing here)', async () => {
    const r = await runAction(
      'bucket-audit',
      { bucket, endpoint: rgw().endpoint, environment: 'prod' },
      asOther(rgw()),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ passed: '0', failed: '0', unknown: '10' });
    expect(r.summary).toContain('| versioning | unknown | AccessDenied: these credentials may not read it |');
  });
});

describe('allow-unsupported: a server that keeps no versioning (fauxqs)', () => {
  const bucket = uniqueBucketName('gaps');
  afterAll(async () => emptyAndDeleteBucket(fauxqs(), bucket));
  const init = (...extra: string[]) =>
    runCli(
      ['bucket', 'init', '--bucket', bucket, '--endpoint', fauxqs().endpoint, '--environment', 'prod', ...extra],
      s3Env(fauxqs()),
    );

  test('strict by default; the gaps accepted are still shown and warned about, the others still fail', async () => {
    const some = await init('--allow-unsupported', 'versioning');
    expect(some.code).toBe(1);
    expect(errorLines(some).at(-1)).toBe(
      `s3-backup: error: bucket init: s3://${bucket} is set up except default encryption (ignored), public access ` +
        'block (ignored): the server answered OK but did not keep them; see the table above, or accept the gaps with ' +
        'allow-unsupported: encryption,public-access-block',
    );
    expect(some.stderr).toContain('bucket init: versioning ignored by the server; accepted (allow-unsupported)');

    const r = await init('--allow-unsupported', 'versioning, encryption,public-access-block', '--json');
    expect(r.code, r.stderr).toBe(0);
    const steps = Object.fromEntries(
      (JSON.parse(r.stdout).report as Array<{ step: string; status: string }>).map((s) => [s.step, s.status]),
    );
    expect(steps).toEqual({
      bucket: 'already',
      versioning: 'ignored',
      'default encryption': 'ignored',
      'public access block': 'ignored',
      lifecycle: 'done',
    });
    expect(r.stderr.split('\n').filter((l) => l.includes('accepted (allow-unsupported)'))).toEqual([
      'warning: bucket init: versioning ignored by the server; accepted (allow-unsupported)',
      'warning: bucket init: default encryption ignored by the server; accepted (allow-unsupported)',
      'warning: bucket init: public access block ignored by the server; accepted (allow-unsupported)',
    ]);
  });
});

describe('the generated policy, as a bucket policy with the `other` user as the backup role', () => {
  let bucket: string;
  let owner: S3Client;
  let other: S3Client;
  const policy = async (extra: string[] = []) => {
    const r = await runCli(
      ['iam-policy', '--bucket', bucket, '--environment', 'prod', '--principal', 'arn:aws:iam:::user/other', ...extra],
      {},
    );
    expect(r.code, r.stderr).toBe(0);
    capture('policy', r.stdout);
    // Ceph 16 refuses a policy that names s3:GetEncryptionConfiguration (InvalidArgument): it implements no bucket
    // default encryption. That one read-only audit action is taken out here; everything else is the generated policy.
    const doc = JSON.parse(r.stdout) as { Statement: Array<{ Action: string[] }> };
    for (const st of doc.Statement) st.Action = st.Action.filter((a) => a !== 's3:GetEncryptionConfiguration');
    await owner.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(doc) }));
  };
  beforeAll(async () => {
    bucket = await createBucket(rgw());
    owner = makeS3Client(rgw());
    other = makeS3Client(rgw(), { credentials: rgw().other! });
    await owner.send(new PutObjectCommand({ Bucket: bucket, Key: 'elsewhere/keep.txt', Body: 'x' }));
    await writeHistory(owner, bucket, dailyHistory('prod', 'shop', 'prod', '2024-01-01', 3));
  });
  afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

  test('the role backs up, lists and restores under its prefix, and nothing more', async () => {
    await policy();
    const db = await pg(15).createDatabase();
    await pg(15).exec(db, 'CREATE TABLE t (id int); INSERT INTO t VALUES (42);');
    const b = await runCli(
      [
        'backup',
        '--database-url',
        pg(15).url(db),
        '--bucket',
        bucket,
        '--endpoint',
        rgw().endpoint,
        '--environment',
        'prod',
        '--name',
        'shop',
        '--json',
      ],
      asOther(rgw()),
    );
    expect(b.code, b.stderr).toBe(0);
    // the role may remove its own key claim (and nothing else): none is left, and no warning about one
    expect((await listAllKeys(rgw(), bucket, 'prod/')).filter(isClaimKey)).toEqual([]);
    expect(b.stderr).not.toMatch(/claim/);
    const target = await pg(15).createDatabase();
    const restored = await runCli(
      [
        'restore',
        '--database-url',
        pg(15).url(target),
        '--bucket',
        bucket,
        '--endpoint',
        rgw().endpoint,
        '--environment',
        'prod',
        '--name',
        'shop',
        '--yes',
      ],
      asOther(rgw()),
    );
    expect(restored.code, restored.stderr).toBe(0);
    expect(await pg(15).query(target, 'SELECT id FROM t')).toEqual([{ id: 42 }]);

    const denied = async (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ name: 'AccessDenied' });
    await denied(other.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'elsewhere/keep.txt' })));
    await denied(other.send(new PutObjectCommand({ Bucket: bucket, Key: 'elsewhere/x', Body: 'x' })));
    await denied(other.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'elsewhere/' })));
    await denied(other.send(new DeleteObjectCommand({ Bucket: bucket, Key: JSON.parse(b.stdout).key }))); // no delete without --allow-delete
    expect(await listAllKeys(rgw(), bucket, 'elsewhere/')).toEqual(['elsewhere/keep.txt']);

    // retention needs DeleteObject: the backup is stored, and the step fails naming the fix
    const withRetention = await runAction(
      'backup',
      {
        'database-url': pg(15).url(db),
        bucket,
        endpoint: rgw().endpoint,
        environment: 'prod',
        name: 'shop',
        retention: 'keep-last=1, keep-daily=0, keep-weekly=0, keep-monthly=0',
      },
      asOther(rgw()),
    );
    expect(withRetention.code).toBe(1);
    expect(withRetention.outputs.key).toMatch(/^prod\/shop_prod_/);
    expect(withRetention.stdout).toMatch(
      /::error::prune: deleting s3:\/\/\S+ was refused \(AccessDenied\): grant s3:DeleteObject on the prefix \(iam-policy --allow-delete\)/,
    );
    expect(await listAllKeys(rgw(), bucket, 'prod/')).toContain(withRetention.outputs.key);
  });

  test('with --allow-delete the role prunes under its prefix; outside it, deletes are still refused', async () => {
    await policy(['--allow-delete']);
    const r = await runAction(
      'prune',
      {
        bucket,
        endpoint: rgw().endpoint,
        environment: 'prod',
        name: 'shop',
        'keep-last': '1',
        'keep-daily': '0',
        'keep-weekly': '0',
        'keep-monthly': '0',
      },
      asOther(rgw()),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ kept: '1', deleted: '4', locked: '0' });
    // Ceph 16 checks a multi-object delete against the bucket, not each key: refused whole, then done key by key
    expect(r.shown).toContain('the server refused a batch delete (AccessDenied); deleted one key at a time instead');
    expect(r.summary).toContain('🧹 Retention');
    expect((await listAllKeys(rgw(), bucket, 'prod/')).filter((k) => k.endsWith('.dump.zst'))).toHaveLength(1);
    await expect(
      other.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'elsewhere/keep.txt' })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('with --role restore the role lists and restores under its prefix, and writes or deletes nothing', async () => {
    await policy(['--role', 'restore']);
    const place = ['--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', 'prod', '--name', 'shop'];
    const listed = await runCli(['list', ...place, '--json'], asOther(rgw()));
    expect(listed.code, listed.stderr).toBe(0);
    const target = await pg(15).createDatabase();
    const restored = await runCli(['restore', '--database-url', pg(15).url(target), ...place, '--yes'], asOther(rgw()));
    expect(restored.code, restored.stderr).toBe(0);
    expect(await pg(15).query(target, 'SELECT id FROM t')).toEqual([{ id: 42 }]);
    const db = await pg(15).createDatabase();
    const backup = await runCli(['backup', '--database-url', pg(15).url(db), ...place], asOther(rgw()));
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/AccessDenied/);
    const keys = await listAllKeys(rgw(), bucket, 'prod/');
    const denied = async (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ name: 'AccessDenied' });
    await denied(other.send(new PutObjectCommand({ Bucket: bucket, Key: 'prod/x', Body: 'x' })));
    await denied(other.send(new DeleteObjectCommand({ Bucket: bucket, Key: keys.find((k) => k.endsWith('.zst'))! })));
    await denied(other.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'elsewhere/' })));
    expect(await listAllKeys(rgw(), bucket, 'prod/')).toEqual(keys);
  });
});

describe('SSE-S3 default encryption, through the exact request sent', () => {
  test('bucket init sends AES256 in PutBucketEncryption; Ceph 16 refuses it (it implements no bucket default encryption), and init says so', async () => {
    const bucket = uniqueBucketName('sse');
    const bodies: Array<{ command: string; body?: string }> = [];
    const options = parseBucketInitOptions(
      (n) =>
        ({
          bucket,
          endpoint: rgw().endpoint,
          environment: 'prod',
          sse: 'AES256',
          transitions: 'true',
          'noncurrent-days': '7',
          'keep-daily': '7',
          'keep-weekly': '4',
          'keep-monthly': '12',
          'keep-yearly': '0',
          'keep-last': '0',
        })[n],
      s3Env(rgw()),
    );
    const client = (o: Parameters<typeof createS3Client>[0]) => {
      const c = createS3Client(o);
      c.config.credentials = async () => ({ accessKeyId: rgw().accessKeyId, secretAccessKey: rgw().secretAccessKey });
      c.middlewareStack.add(
        (next, context) => async (args) => {
          const body = (args.request as { body?: unknown }).body;
          bodies.push({ command: context.commandName as string, body: typeof body === 'string' ? body : undefined });
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low', name: 'recordBodies' },
      );
      return c;
    };
    const log = { info: (m: string) => capture('log', m), warning: (m: string) => capture('warning', m) };
    const steps = await bucketInit(options, runContext(log, new AbortController().signal, { s3Client: client }));
    const put = bodies.find((b) => b.command === 'PutBucketEncryptionCommand')!;
    expect(put.body).toContain(
      '<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>',
    );
    expect(steps.find((s) => s.step === 'default encryption')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/^InvalidArgument/),
    });
    await emptyAndDeleteBucket(rgw(), bucket);
  });
});
