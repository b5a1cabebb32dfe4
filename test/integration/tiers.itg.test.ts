// Archive tiers and replication, through the bundled CLI and action. No local S3 server implements archive storage
// classes, RestoreObject or replication, so these are proven by the exact requests sent and by the handling of the
// answers AWS S3 gives (test/support/s3-archive-proxy.ts answers them in front of Ceph RGW, which holds the real
// backups): x-amz-restore with ongoing-request="true" then "false", 409 RestoreAlreadyInProgress, 403
// InvalidObjectState, x-amz-replication-status, GetBucketVersioning and GetBucketReplication.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { awkwardDatabase } from '../support/fixtures.js';
import { errorLines, runAction, runCli, s3Env, type ProcResult } from '../support/run.js';
import { startArchiveProxy, type ArchiveProxy } from '../support/s3-archive-proxy.js';
import { createBucket, emptyAndDeleteBucket } from '../support/s3-servers.js';

const ROLE = 'arn:aws:iam::123456789012:role/s3-backup-replication';
let bucket: string;
let proxy: ArchiveProxy;
let older: string;
let newer: string;
const env = () => s3Env(rgw());
const where = () => ['--bucket', bucket, '--endpoint', proxy.endpoint, '--environment', 'prod'];
const last = (r: ProcResult) => errorLines(r).at(-1);
const objectRequests = (kind: string, key: string) => proxy.sent(kind).filter((r) => r.path === `/${bucket}/${key}`);

beforeAll(async () => {
  bucket = await createBucket(rgw());
  const db = await awkwardDatabase(pg(15));
  const keys: string[] = [];
  for (let i = 0; i < 2; i++) {
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
        '--json',
      ],
      env(),
    );
    expect(b.code, b.stderr).toBe(0);
    keys.push(JSON.parse(b.stdout).key);
  }
  [older, newer] = keys as [string, string];
  expect(newer > older).toBe(true);
  proxy = await startArchiveProxy(rgw().endpoint);
});
afterAll(async () => {
  await proxy?.close();
  await emptyAndDeleteBucket(rgw(), bucket);
});
beforeEach(() => {
  proxy.archived.clear();
  proxy.replicationStatus.clear();
  proxy.versioning.clear();
  proxy.replication.clear();
  proxy.requests.length = 0;
});

describe('archive tiers (exact requests: no local server implements archive storage classes or RestoreObject)', () => {
  test('verify of a DEEP_ARCHIVE backup without --thaw: one line, no restore asked, nothing downloaded', async () => {
    proxy.archived.set(newer, { storageClass: 'DEEP_ARCHIVE' });
    const r = await runCli(['verify', ...where()], env());
    expect(r.code).toBe(1);
    expect(last(r)).toBe(
      `s3-backup: error: ${newer} is in DEEP_ARCHIVE: S3 must restore it before it can be read; run again with --thaw (thaw-tier Standard: typically within 12 hours), or choose a backup in an instant class`,
    );
    expect(objectRequests('HEAD', newer)).toHaveLength(1);
    expect(proxy.sent('POST ?restore')).toHaveLength(0);
    expect(objectRequests('GET', newer)).toHaveLength(0);
  });

  test('--thaw sends RestoreObject with thaw-tier and thaw-days and exits 75; meanwhile 75 again; once restored, verified', async () => {
    proxy.archived.set(newer, { storageClass: 'GLACIER', headsWhileOngoing: 1 });
    const r = await runCli(['verify', ...where(), '--thaw', '--thaw-tier', 'bulk', '--thaw-days', '5'], env());
    expect(r.code, r.stderr).toBe(75);
    expect(last(r)).toBe(
      `s3-backup: error: ${newer} is in GLACIER: restore requested (Bulk tier, 5 days); S3 typically takes 5-12 hours: run the same verify again then (or add --wait to wait for it)`,
    );
    const restore = proxy.sent('POST ?restore');
    expect(restore.map((x) => [x.path, x.query])).toEqual([[`/${bucket}/${newer}`, '?restore=']]);
    expect(restore[0]!.body.replace(/>\s+</g, '><')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><RestoreRequest xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Days>5</Days><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters></RestoreRequest>',
    );
    expect(objectRequests('GET', newer)).toHaveLength(0);

    // S3 is still at it (ongoing-request="true"): the run stops again, asks nothing more
    const meanwhile = await runCli(['verify', ...where(), '--thaw'], env());
    expect(meanwhile.code).toBe(75);
    expect(last(meanwhile)).toBe(
      `s3-backup: error: ${newer} is in GLACIER and S3 is restoring it (a restore request is under way): run the same verify again then (or add --wait to wait for it)`,
    );
    expect(proxy.sent('POST ?restore')).toHaveLength(1);

    // restored (ongoing-request="false"): the same command now reads it
    const done = await runCli(['verify', ...where()], env());
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toContain(
      `${newer} is in GLACIER; its restored copy is readable until Fri, 21 Dec 2040 00:00:00 GMT`,
    );
    expect(done.stdout).toContain(`verified ${newer}`);
    expect(proxy.sent('POST ?restore')).toHaveLength(1);
  });

  test('--thaw --wait polls HeadObject (ongoing-request="true", then "false") with progress, then verifies', async () => {
    proxy.archived.set(newer, { storageClass: 'DEEP_ARCHIVE', headsWhileOngoing: 2 });
    const r = await runCli(
      ['verify', ...where(), '--thaw', '--wait', '--thaw-poll-interval', '1s', '--thaw-timeout', '5m'],
      env(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `${newer} is in DEEP_ARCHIVE: restore requested (Standard tier, 3 days); S3 typically takes within 12 hours`,
    );
    expect(r.stderr.match(/thaw: .* still restoring \(\d+s of thaw-timeout 5m\)/g)).toHaveLength(2);
    expect(r.stderr).toMatch(new RegExp(`${newer}: restored after \\d+s, readable until Fri, 21 Dec 2040`));
    // one look before the request, two while ongoing, one once restored; then the download
    expect(objectRequests('HEAD', newer)).toHaveLength(4);
    expect(proxy.sent('POST ?restore')).toHaveLength(1);
    expect(objectRequests('GET', newer).length).toBeGreaterThanOrEqual(1);
  });

  test('--wait gives up after thaw-timeout with exit 75 and a line to run again', async () => {
    proxy.archived.set(newer, { storageClass: 'GLACIER', headsWhileOngoing: 1_000 });
    const r = await runCli(
      ['verify', ...where(), '--thaw', '--wait', '--thaw-poll-interval', '1s', '--thaw-timeout', '2s'],
      env(),
    );
    expect(r.code).toBe(75);
    expect(last(r)).toBe(
      `s3-backup: error: ${newer} is still being restored after thaw-timeout 2s: run the same verify again later`,
    );
    expect(objectRequests('GET', newer)).toHaveLength(0);
  });

  test('409 RestoreAlreadyInProgress is a restore under way: the thaw verb exits 75, the action too', async () => {
    proxy.archived.set(newer, { storageClass: 'GLACIER', restoreAnswer: 'already' });
    const r = await runCli(['thaw', ...where()], env());
    expect(r.code).toBe(75);
    expect(last(r)).toBe(
      `s3-backup: error: ${newer} is in GLACIER: a restore was already under way; S3 typically takes 3-5 hours: run the same thaw again then (or add --wait to wait for it)`,
    );
    const a = await runAction('thaw', { bucket, endpoint: proxy.endpoint, environment: 'prod' }, env());
    expect(a.code).toBe(75);
    expect(a.shown).toContain(`::error::${newer} is in GLACIER: a restore was already under way`);
    expect(proxy.sent('POST ?restore')).toHaveLength(2);
  });

  test('the thaw verb on a readable backup asks nothing and says so', async () => {
    const r = await runCli(['thaw', ...where(), '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ key: newer, storageClass: 'STANDARD', readable: true });
    expect(proxy.sent('POST ?restore')).toHaveLength(0);
  });

  test('403 InvalidObjectState on GET (HeadObject said nothing): one line naming --thaw', async () => {
    proxy.archived.set(newer, { storageClass: 'GLACIER', hidden: true });
    const r = await runCli(['verify', ...where()], env());
    expect(r.code).toBe(1);
    expect(last(r)).toBe(
      `s3-backup: error: downloading s3://${bucket}/${newer} failed (InvalidObjectState 403): the object is in an archive tier (GLACIER or DEEP_ARCHIVE) and must be restored first: run again with --thaw (see thaw-tier)`,
    );
  });

  test('the drill (validate) takes the newest backup readable without a thaw; an explicit --backup is not replaced', async () => {
    proxy.archived.set(newer, { storageClass: 'DEEP_ARCHIVE' });
    const r = await runCli(['validate', '--database-url', pg(15).url('postgres'), ...where(), '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'passed', key: older });
    expect(r.stderr).toContain(
      `skipping ${newer}: in DEEP_ARCHIVE, not readable without a thaw (typically within 12 hours)`,
    );
    expect(proxy.sent('POST ?restore')).toHaveLength(0);

    const asked = await runCli(
      ['validate', '--database-url', pg(15).url('postgres'), ...where(), '--backup', newer],
      env(),
    );
    expect(asked.code).toBe(1);
    expect(last(asked)).toMatch(new RegExp(`^s3-backup: error: ${newer} is in DEEP_ARCHIVE: S3 must restore it`));
  });
});

const OTHER_RULE =
  '<Rule><ID>logs-to-archive</ID><Priority>4</Priority><Status>Enabled</Status><Filter><Prefix>logs/</Prefix></Filter>' +
  '<DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>' +
  '<Destination><Bucket>arn:aws:s3:::logs-archive</Bucket></Destination></Rule>';
const configXml = (rules: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Role>${ROLE}</Role>${rules}</ReplicationConfiguration>`;
const replicate = () => [
  'bucket',
  'replicate',
  ...where(),
  '--replicate-to',
  'arn:aws:s3:::copies-eu',
  '--replication-role',
  ROLE,
  '--replica-storage-class',
  'STANDARD_IA',
  '--replication-time-control',
  '--json',
];

describe('replication (exact requests: no local server implements replication)', () => {
  test('bucket replicate: versioning read on both buckets, merged with the bucket’s rules, role policy printed; a second run writes nothing', async () => {
    proxy.versioning.set(bucket, 'Enabled');
    proxy.versioning.set('copies-eu', 'Enabled');
    proxy.replication.set(bucket, configXml(OTHER_RULE));
    const r = await runCli(replicate(), env());
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.changed).toBe(true);
    expect(proxy.sent('GET ?versioning').map((x) => x.path)).toEqual([`/${bucket}/`, '/copies-eu/']);
    const puts = proxy.sent('PUT ?replication');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.body.replace(/>\s+</g, '><')).toContain(
      `<Role>${ROLE}</Role>` +
        '<Rule><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::logs-archive</Bucket></Destination><ID>logs-to-archive</ID><Priority>4</Priority><Filter><Prefix>logs/</Prefix></Filter><DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication></Rule>' +
        '<Rule><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::copies-eu</Bucket><StorageClass>STANDARD_IA</StorageClass>' +
        '<ReplicationTime><Status>Enabled</Status><Time><Minutes>15</Minutes></Time></ReplicationTime>' +
        '<Metrics><Status>Enabled</Status><EventThreshold><Minutes>15</Minutes></EventThreshold></Metrics></Destination>' +
        '<ID>s3-backup:prod:replicate</ID><Priority>5</Priority><Filter><Prefix>prod/</Prefix></Filter>' +
        '<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication></Rule>',
    );
    expect(out.rolePolicy.Statement.at(-1)).toEqual({
      Sid: 'WriteReplicasUnderThePrefix',
      Effect: 'Allow',
      Action: ['s3:ReplicateObject', 's3:ReplicateTags'],
      Resource: ['arn:aws:s3:::copies-eu/prod/*'],
    });
    expect(out.trustPolicy.Statement[0].Principal).toEqual({ Service: 's3.amazonaws.com' });

    const again = await runCli(replicate(), env());
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).changed).toBe(false);
    expect(proxy.sent('PUT ?replication')).toHaveLength(1);
  });

  test('versioning off on the destination: refused in one line, nothing written', async () => {
    proxy.versioning.set(bucket, 'Enabled');
    proxy.versioning.set('copies-eu', 'Suspended');
    const r = await runCli(replicate(), env());
    expect(r.code).toBe(1);
    expect(last(r)).toBe(
      's3-backup: error: replication needs versioning on both buckets: it is suspended on the destination s3://copies-eu; enable it there (bucket init --bucket copies-eu) first',
    );
    proxy.versioning.set('copies-eu', 'Enabled');
    proxy.versioning.set(bucket, '');
    const source = await runCli(replicate(), env());
    expect(last(source)).toBe(
      `s3-backup: error: replication needs versioning on both buckets: it is off on the source s3://${bucket}; run bucket init (it enables versioning) first`,
    );
    expect(proxy.sent('PUT ?replication')).toHaveLength(0);
  });

  test('bucket init with replicate-to: the replication step after versioning, in the report', async () => {
    proxy.versioning.set(bucket, 'Enabled');
    proxy.versioning.set('copies-eu', 'Enabled');
    const r = await runAction(
      'bucket-init',
      {
        bucket,
        endpoint: proxy.endpoint,
        environment: 'prod',
        'replicate-to': 'copies-eu',
        'replication-role': ROLE,
      },
      env(),
    );
    const steps = JSON.parse(r.outputs.report!) as Array<{ step: string; status: string; detail: string }>;
    expect(steps.find((x) => x.step === 'replication')).toEqual({
      step: 'replication',
      status: 'done',
      detail: 'to arn:aws:s3:::copies-eu, ("s3-backup:prod:replicate")',
    });
    expect(proxy.sent('PUT ?replication')).toHaveLength(1);
    expect(proxy.sent('PUT ?replication')[0]!.body).toContain('<Filter><Prefix>prod/</Prefix></Filter>');
  });

  test('bucket audit rows and check require-replicated read x-amz-replication-status', async () => {
    proxy.replication.set(
      bucket,
      configXml(
        '<Rule><ID>s3-backup:prod:replicate</ID><Priority>1</Priority><Status>Enabled</Status><Filter><Prefix>prod/</Prefix></Filter><DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication><Destination><Bucket>arn:aws:s3:::copies-eu</Bucket></Destination></Rule>',
      ),
    );
    const rows = async () => {
      const a = await runCli(['bucket', 'audit', ...where(), '--json'], env());
      const report = JSON.parse(a.stdout).report as Array<{ check: string; status: string; detail: string }>;
      return Object.fromEntries(
        report.filter((c) => /replicat/.test(c.check)).map((c) => [c.check, `${c.status}: ${c.detail}`]),
      );
    };
    proxy.replicationStatus.set(newer, 'PENDING');
    const pending = await runCli(['check', ...where(), '--require-replicated'], env());
    expect(pending.code).toBe(1);
    expect(last(pending)).toBe(
      `s3-backup: error: require-replicated: the newest good backup ${newer} is not replicated: S3 is still copying it (PENDING)`,
    );
    expect(await rows()).toEqual({
      replication: 'ok: to arn:aws:s3:::copies-eu, ("s3-backup:prod:replicate")',
      'newest backup replicated': `unknown: ${newer}: PENDING (being replicated)`,
    });

    proxy.replicationStatus.set(newer, 'COMPLETED');
    const ok = await runCli(['check', ...where(), '--require-replicated', '--json'], env());
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ fresh: true, key: newer, replicationStatus: 'COMPLETED' });
    expect((await rows())['newest backup replicated']).toBe(`ok: ${newer}: COMPLETED`);

    proxy.replicationStatus.set(newer, 'FAILED');
    expect((await rows())['newest backup replicated']).toMatch(/^fail: .*: FAILED \(check the role's permissions/);
    proxy.replicationStatus.delete(newer);
    const none = await runCli(['check', ...where(), '--require-replicated'], env());
    expect(last(none)).toMatch(/is not replicated: it has no replication status/);
  });
});
