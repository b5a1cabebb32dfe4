// A misbehaving S3 network, through the fault proxy in front of Ceph RGW: errors on each request type, resets in
// both directions, lost answers, stalls, truncated and damaged downloads. Every row ends in one of two ways: success
// with a correct object (its bytes hash to the sidecar and the manifest) or a failure that names the reason and
// leaves nothing partial (no object, no sidecar, no unfinished multipart upload, latest.json where it was). Faults are
// chosen by rule (which request, the how-many-th), never by timing. Then: an endpoint that accepts and never
// answers, and SIGTERM during a stall.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AbortMultipartUploadCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { startFaultProxy, type Fault, type FaultRule, type FaultSpec, type S3Request } from '../support/fault-proxy.js';
import { bulkDatabase } from '../support/fixtures.js';
import { errorLines, runCli, s3Env, type ProcResult } from '../support/run.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
  makeS3Client,
} from '../support/s3-servers.js';
import { backupArgs as cliBackupArgs } from '../support/cli-args.js';
import { waitUntil } from '../support/wait.js';

const pg15 = () => pg(15);
const ENV = 'ci';
const LATEST = `${ENV}/latest.json`;
/** A small s3-timeout, so that stalls end quickly. */
const TIMEOUT = '2s';
/** A backup of `source` into `bucket` through `endpoint`, under the name `name`. */
const backupArgs = (source: string, bucket: string, endpoint: string, name: string, ...extra: string[]) =>
  cliBackupArgs(pg15().url(source), { bucket, endpoint, environment: ENV, name }, ...extra);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const digest = `SELECT count(*)::int AS n, md5(string_agg(id::text || a || b, ',' ORDER BY id)) AS h FROM bulk`;

/** The failure line: the last stderr line, one line, no stack trace anywhere. */
function reason(r: ProcResult): string {
  expect(r.code, r.stderr).not.toBe(0);
  const last = errorLines(r).at(-1) ?? '';
  expect(last, r.stderr).toMatch(/^s3-backup: error: \S/);
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  return last;
}

// rules: which request of a kind gets the fault
const first =
  (match: (r: S3Request) => boolean, fault: Fault | FaultSpec): FaultRule =>
  (r) =>
    match(r) && r.n === 1 ? fault : undefined;
const always =
  (match: (r: S3Request) => boolean, fault: Fault | FaultSpec): FaultRule =>
  (r) =>
    match(r) ? fault : undefined;
const both =
  (...rules: FaultRule[]): FaultRule =>
  (r) =>
    rules.map((rule) => rule(r)).find(Boolean);

const op = (name: S3Request['op']) => (r: S3Request) => r.op === name;
const put = (suffix: string) => (r: S3Request) =>
  r.op === 'PutObject' && Boolean(r.key?.endsWith(suffix)) && r.key !== LATEST;
const putLatest = (r: S3Request) => r.op === 'PutObject' && r.key === LATEST;
const part = (n: number) => (r: S3Request) => r.op === 'UploadPart' && r.partNumber === n;

interface BackupRow {
  name: string;
  rule: FaultRule;
  /** The faults that must have fired, as "op fault". */
  fired: string[];
  /** undefined: the backup succeeds; else the failure line. */
  fails?: RegExp;
  /** Something the log must say. */
  says?: RegExp;
  /** Each part was sent once. */
  noRetry?: boolean;
  /** part-size, when not 5MiB. */
  partSize?: string;
}

const KEY = String.raw`s3:\/\/[\w-]+\/ci\/r\d+_ci_\d{8}_\d{6}\.dump\.zst`;
const denied = String.raw`failed \(AccessDenied 403\): the credentials lack permission`;
const unavailable = String.raw`failed \(ServiceUnavailable 503\)`;

/** 500 once (retried: success), 503 always (the retries run out: failure), 403 (not retried: failure). */
function statusTriple<Rule>(
  label: string,
  opName: string,
  action: string,
  rule: (fault: '500' | '503' | '403', every: boolean) => Rule,
): Array<{ name: string; rule: Rule; fired: string[]; fails?: RegExp }> {
  return [
    { name: `${label}: 500 once → retried, success`, rule: rule('500', false), fired: [`${opName} 500`] },
    {
      name: `${label}: 503 on every attempt → failure`,
      rule: rule('503', true),
      fired: [`${opName} 503`],
      fails: new RegExp(`${action} ${unavailable}`),
    },
    {
      name: `${label}: 403 → failure (not retried)`,
      rule: rule('403', true),
      fired: [`${opName} 403`],
      fails: new RegExp(`${action} ${denied}`),
    },
  ];
}

// 5xx / 503 / 403 on each request type of a backup, the same three ways
const statusRows: BackupRow[] = (
  [
    ['ListObjectsV2', op('ListObjectsV2'), String.raw`listing s3:\/\/[\w-]+\/ci`],
    ['CreateMultipartUpload', op('CreateMultipartUpload'), `uploading ${KEY}`],
    ['UploadPart', op('UploadPart'), `uploading ${KEY}`],
    ['CompleteMultipartUpload', op('CompleteMultipartUpload'), `uploading ${KEY}`],
    ['PutObject of the .sha256 sidecar', put('.sha256'), `writing ${KEY}\\.sha256`],
    ['PutObject of the .meta manifest', put('.meta'), `writing ${KEY}\\.meta`],
    ['PutObject of latest.json', putLatest, String.raw`writing s3:\/\/[\w-]+\/ci\/latest\.json`],
  ] as const
).flatMap(([label, match, action]) =>
  statusTriple(label, label.startsWith('PutObject') ? 'PutObject' : label, action, (fault, every) =>
    (every ? always : first)(match, fault),
  ),
);

// a network fault once, on each kind of write: retried (or sent again), and the backup succeeds
const recoveredRows = (
  [
    ['UploadPart', part(1), 'reset-request', 'connection reset mid-request-body → retried'],
    ['UploadPart', part(2), 'lost', 'answer lost (stored, then reset) → sent again'],
    ['UploadPart', part(1), 'stall', 'stalls (never read) past s3-timeout → retried'],
    [
      'CompleteMultipartUpload',
      op('CompleteMultipartUpload'),
      'reset-request',
      'connection reset mid-request-body → retried',
    ],
    [
      'CompleteMultipartUpload',
      op('CompleteMultipartUpload'),
      'lost',
      'answer lost, the repeat answered 200 (as Ceph and AWS do) → sidecars written',
    ],
    ['PutObject .sha256', put('.sha256'), 'reset-request', 'reset mid-request-body → retried'],
    ['PutObject .meta', put('.meta'), 'lost', 'answer lost → sent again'],
    ['PutObject latest.json', putLatest, 'stall', 'stalls past s3-timeout → retried'],
  ] as const
).map(
  ([label, match, fault, what]): BackupRow => ({
    name: `${label}: ${what}, success`,
    rule: first(match, fault),
    fired: [`${label.split(' ')[0]} ${fault}`],
  }),
);

/** The answer to Complete lost, its retry answered NoSuchUpload (as MinIO does): the run must look. */
const lostComplete: FaultRule = (r) =>
  r.op === 'CompleteMultipartUpload' ? (r.n === 1 ? 'lost' : 'nosuchupload') : undefined;
const LOST_COMPLETE = ['CompleteMultipartUpload lost', 'CompleteMultipartUpload nosuchupload'];

// after a lost Complete, what looking at the object (HeadObject) finds
const lookedRows = (
  [
    [
      '500 once while looking after a lost Complete → retried, success',
      first(op('HeadObject'), '500'),
      'HeadObject 500',
    ],
    [
      '403 while looking after a lost Complete → the completed object is removed, failure',
      always(op('HeadObject'), '403'),
      'HeadObject 403',
      `could not check whether the server completed ${KEY} anyway \\(HeadObject: 403\\)`,
    ],
    [
      'after a lost Complete the object shows another ETag → ours, so removed; failure',
      always(op('HeadObject'), 'other-etag'),
      'HeadObject other-etag',
      `the server had completed ${KEY} with other content \\(ETag 0123456789abcdef0123456789abcdef-2, \\d+ bytes; expected [0-9a-f]{32}-\\d+, \\d+ bytes\\)`,
    ],
  ] as const
).map(
  ([what, rule, fired, why]): BackupRow => ({
    name: `HeadObject: ${what}`,
    rule: both(lostComplete, rule),
    fired: [...LOST_COMPLETE, fired],
    ...(why ? { fails: new RegExp(`uploading ${KEY} failed \\(NoSuchUpload 404\\): .*${why}: removed ${KEY}$`) } : {}),
  }),
);

const networkRows: BackupRow[] = [
  ...recoveredRows,
  ...lookedRows,
  {
    name: 'UploadPart: a slow link, a 12 MiB part trickling in for longer than s3-timeout while bytes flow → success, no retry',
    rule: always(op('UploadPart'), 'slow'),
    fired: ['UploadPart slow'],
    noRetry: true,
    partSize: '12MiB',
  },
  {
    name: 'UploadPart: stalls on every attempt → failure naming the peer and s3-timeout, upload aborted',
    rule: always(part(1), 'stall'),
    fired: ['UploadPart stall'],
    fails: new RegExp(
      `uploading ${KEY} failed: nothing moved to or from 127\\.0\\.0\\.1:\\d+ for 2s on each of 5 attempts \\(s3-timeout\\); check the endpoint and the network, or raise s3-timeout for a slow link$`,
    ),
  },
  {
    name: 'CompleteMultipartUpload: answer lost, the retry answered NoSuchUpload (as MinIO does) → looked: our size and ETag, success',
    rule: lostComplete,
    fired: LOST_COMPLETE,
    says: /the answer to CompleteMultipartUpload was lost; s3:\/\/\S+ is there with this upload's size and multipart ETag: completed/,
  },
  {
    name: 'CompleteMultipartUpload: answer lost on every attempt → looked: our object, success',
    rule: always(op('CompleteMultipartUpload'), 'lost'),
    fired: ['CompleteMultipartUpload lost'],
    says: /the answer to CompleteMultipartUpload was lost/,
  },
  {
    name: 'AbortMultipartUpload: 500 once after a part was refused → the abort is retried, nothing left',
    rule: both(always(part(1), '403'), first(op('AbortMultipartUpload'), '500')),
    fired: ['UploadPart 403', 'AbortMultipartUpload 500'],
    fails: new RegExp(`uploading ${KEY} ${denied}`),
  },
  {
    name: 'PutObject latest.json: reset on every attempt → failure, the backup and its sidecars removed',
    rule: always(putLatest, 'reset'),
    fired: ['PutObject reset'],
    fails: /writing s3:\/\/[\w-]+\/ci\/latest\.json failed \(ECONNRESET\)/,
  },
];

describe('S3 faults during a backup: success with a correct object, or the reason and nothing partial', () => {
  let bucket: string;
  let source: string;
  let row = 0;
  const state = async () => ({
    keys: (await listAllKeys(rgw(), bucket)).sort(),
    latest: (await getObject(rgw(), bucket, LATEST)).toString(),
  });

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    // ≈7.5 MB with zstd: two parts of 5 MiB
    source = await bulkDatabase(pg15(), 200_000);
    const base = await runCli(backupArgs(source, bucket, rgw().endpoint, 'base'), s3Env(rgw()));
    expect(base.code, base.stderr).toBe(0);
  });
  afterAll(async () => {
    if (bucket) await emptyAndDeleteBucket(rgw(), bucket);
  });

  test(`the backup fault table: ${statusRows.length + networkRows.length} rows (${statusRows.length} status, ${networkRows.length} network)`, () =>
    expect(statusRows.length + networkRows.length).toBeGreaterThanOrEqual(20));

  test.each([...statusRows, ...networkRows])(
    '$name',
    async ({ rule, fired, fails, says, noRetry, partSize = '5MiB' }) => {
      const before = await state();
      const proxy = await startFaultProxy(rgw().endpoint, rule);
      let r: ProcResult;
      try {
        r = await runCli(
          backupArgs(
            source,
            bucket,
            proxy.endpoint,
            `r${++row}`,
            '--part-size',
            partSize,
            '--s3-timeout',
            TIMEOUT,
            // the database's own requests are the subject here: no globals beside it
            '--globals',
            'false',
            '--json',
          ),
          s3Env(rgw()),
        );
      } finally {
        await proxy.close();
      }
      expect(new Set(proxy.injected.map((f) => `${f.op} ${f.fault}`))).toEqual(new Set(fired));
      if (says) expect(r.stderr).toMatch(says);
      if (noRetry) {
        const parts = proxy.seen.filter(op('UploadPart'));
        expect(parts.length).toBe(new Set(parts.map((p) => p.partNumber)).size);
      }
      expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
      if (fails) {
        expect(r.code).toBe(1);
        expect(reason(r)).toMatch(new RegExp(`^s3-backup: error: ${fails.source}`));
        expect(await state()).toEqual(before);
        return;
      }
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { key: string; sha256: string; size: string };
      const object = await getObject(rgw(), bucket, out.key);
      expect(object.length).toBe(Number(out.size));
      expect(object.length).toBeGreaterThan(5 * 2 ** 20);
      expect(sha256(object)).toBe(out.sha256);
      expect((await getObject(rgw(), bucket, `${out.key}.sha256`)).toString()).toBe(
        `${out.sha256}  ${path.basename(out.key)}\n`,
      );
      expect(JSON.parse((await getObject(rgw(), bucket, `${out.key}.meta`)).toString())).toMatchObject({
        key: out.key,
        sha256: out.sha256,
        size: object.length,
      });
      expect(JSON.parse((await state()).latest)).toMatchObject({ key: out.key, sha256: out.sha256 });
      const pointer = `${ENV}/latest/r${row}.json`;
      expect((await state()).keys).toEqual(
        [...before.keys, out.key, `${out.key}.meta`, `${out.key}.sha256`, pointer].sort(),
      );
    },
  );

  test('AbortMultipartUpload: 503 on every attempt → the failure line names the unfinished upload that is left', async () => {
    const before = await state();
    const proxy = await startFaultProxy(
      rgw().endpoint,
      both(always(part(1), '403'), always(op('AbortMultipartUpload'), '503')),
    );
    let r: ProcResult;
    try {
      r = await runCli(
        backupArgs(source, bucket, proxy.endpoint, 'abortfails', '--part-size', '5MiB', '--s3-timeout', TIMEOUT),
        s3Env(rgw()),
      );
    } finally {
      await proxy.close();
    }
    const left = await listMultipartUploads(rgw(), bucket);
    expect(left).toHaveLength(1);
    expect(reason(r)).toMatch(
      new RegExp(
        `^s3-backup: error: uploading s3:\\/\\/[\\w-]+\\/ci\\/abortfails_ci_\\d{8}_\\d{6}\\.dump\\.zst ${denied}.*; the unfinished multipart upload ` +
          `${left[0]!.uploadId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} of s3:\\/\\/\\S+ could not be aborted \\(ServiceUnavailable\\): ` +
          `abort it, or let a lifecycle rule \\(AbortIncompleteMultipartUpload\\) remove it$`,
      ),
    );
    const s3 = makeS3Client(rgw());
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: left[0]!.key, UploadId: left[0]!.uploadId }));
    s3.destroy();
    expect(await state()).toEqual(before);
  });
});

interface DownloadRow {
  name: string;
  rule: (key: string) => FaultRule;
  fired: string[];
  fails?: RegExp;
  /** The download was resumed. */
  resumed?: boolean;
  verb?: 'verify' | 'restore';
}

const object = (key: string) => (r: S3Request) => r.op === 'GetObject' && r.key === key;
const DOWNLOAD_KEY = String.raw`s3:\/\/[\w-]+\/ci\/dl_ci_\d{8}_\d{6}\.dump\.zst`;

// a body that breaks once, three ways: resumed from the last byte received, then verified
const resumedRows = (
  [
    ['reset-response', 'connection reset mid-response-body → resumed from the last byte'],
    ['truncate', 'truncated (closed after half the body) → resumed'],
    ['stall-response', 'stalls mid-body past s3-timeout → resumed'],
  ] as const
).map(
  ([fault, what]): DownloadRow => ({
    name: `GetObject: ${what}, verified`,
    rule: (k) => first(object(k), fault),
    fired: [`GetObject ${fault}`],
    resumed: true,
  }),
);

const downloadRows: DownloadRow[] = [
  ...resumedRows,
  {
    name: 'GetObject: three breaks in a row → resumed each time, verified',
    rule: (k) => (r) => (object(k)(r) && r.n <= 3 ? { fault: 'reset-response', cut: 0.3 } : undefined),
    fired: ['GetObject reset-response'],
    resumed: true,
  },
  {
    name: 'GetObject: reset before any body byte, every time → failure after the bounded retries',
    rule: (k) => always(object(k), { fault: 'reset-response', cut: 0 }),
    fired: ['GetObject reset-response'],
    resumed: true,
    fails: new RegExp(`downloading ${DOWNLOAD_KEY} failed \\(ECONNRESET\\)`),
  },
  {
    name: 'GetObject: one flipped byte → checksum mismatch, refused, nothing kept',
    rule: (k) => always(object(k), 'flip'),
    fired: ['GetObject flip'],
    fails:
      /checksum mismatch for ci\/dl_ci_\d{8}_\d{6}\.dump\.zst: the sidecar says sha256 [0-9a-f]{64} but the object is [0-9a-f]{64}; refusing to restore \(target untouched\)$/,
  },
  ...statusTriple(
    'GetObject',
    'GetObject',
    `downloading ${DOWNLOAD_KEY}`,
    (fault, every) => (k: string) => (every ? always : first)(object(k), fault),
  ),
  {
    name: 'GetObject of the .sha256 sidecar: 500 once → retried, verified',
    rule: (k) => first(object(`${k}.sha256`), '500'),
    fired: ['GetObject 500'],
  },
  {
    name: 'ListObjectsV2: 503 on every attempt → failure',
    rule: () => always(op('ListObjectsV2'), '503'),
    fired: ['ListObjectsV2 503'],
    fails: new RegExp(`listing s3:\\/\\/[\\w-]+\\/ci ${unavailable}`),
  },
  {
    name: 'restore, GetObject reset mid-body → resumed, the database restored exactly',
    rule: (k) => first(object(k), 'reset-response'),
    fired: ['GetObject reset-response'],
    resumed: true,
    verb: 'restore',
  },
  {
    name: 'restore, one flipped byte → refused, the target database untouched',
    rule: (k) => always(object(k), 'flip'),
    fired: ['GetObject flip'],
    verb: 'restore',
    fails: /checksum mismatch for ci\/dl_ci_\d{8}_\d{6}\.dump\.zst: .*refusing to restore \(target untouched\)$/,
  },
];

describe('S3 faults while downloading (verify, restore): resumed and verified, or the reason and nothing kept', () => {
  let bucket: string;
  let source: string;
  let key: string;
  let sha: string;

  beforeAll(async () => {
    bucket = await createBucket(rgw());
    source = await bulkDatabase(pg15(), 200_000);
    const r = await runCli(backupArgs(source, bucket, rgw().endpoint, 'dl', '--json'), s3Env(rgw()));
    expect(r.code, r.stderr).toBe(0);
    ({ key, sha256: sha } = JSON.parse(r.stdout) as { key: string; sha256: string });
  });
  afterAll(async () => {
    if (bucket) await emptyAndDeleteBucket(rgw(), bucket);
  });

  test(`the download fault table: ${downloadRows.length} rows`, () =>
    expect(downloadRows.length).toBeGreaterThanOrEqual(10));

  test.each(downloadRows)('$name', async ({ rule, fired, fails, resumed, verb = 'verify' }) => {
    const proxy = await startFaultProxy(rgw().endpoint, rule(key));
    const temp = mkdtempSync(path.join(os.tmpdir(), 's3-faults-dl-'));
    const target = verb === 'restore' ? await pg15().createDatabase() : undefined;
    let r: ProcResult;
    try {
      const common = [
        '--bucket',
        bucket,
        '--endpoint',
        proxy.endpoint,
        '--environment',
        ENV,
        '--name',
        'dl',
        '--backup',
        key,
        '--s3-timeout',
        TIMEOUT,
        '--json',
      ];
      r = await runCli(
        verb === 'restore'
          ? ['restore', ...common, '--database-url', pg15().url(target!), '--yes']
          : ['verify', ...common],
        { ...s3Env(rgw()), RUNNER_TEMP: temp },
      );
      expect(new Set(proxy.injected.map((f) => `${f.op} ${f.fault}`))).toEqual(new Set(fired));
      // nothing of the download is kept, whatever happened
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      await proxy.close();
      rmSync(temp, { recursive: true, force: true });
    }
    expect(r.stderr.includes('resuming from there')).toBe(Boolean(resumed));
    if (fails) {
      expect(r.code).toBe(1);
      expect(reason(r)).toMatch(new RegExp(`^s3-backup: error: ${fails.source}`));
      if (target)
        expect(
          await pg15().query(target, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`),
        ).toEqual([{ n: 0 }]);
      return;
    }
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`sha256 verified: ${sha}`);
    expect(JSON.parse(r.stdout)).toMatchObject({ key, sha256: sha });
    if (target) expect(await pg15().query(target, digest)).toEqual(await pg15().query(source, digest));
  });
});

/** A TCP server that accepts connections and never answers; `received` resolves when the first request bytes arrive. */
async function silentServer(): Promise<{ endpoint: string; received: Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let heard!: () => void;
  const received = new Promise<void>((resolve) => (heard = resolve));
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('data', () => heard());
    s.on('error', () => undefined);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    received,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs the CLI; `during` gets its pid once it started. Resolves with the result and the time from `mark()` to exit. */
function timedCli(args: string[], during?: (pid: number, mark: () => void) => Promise<void>) {
  let pid = 0;
  let marked = performance.now();
  const started = performance.now();
  const run = runCli(args, s3Env(rgw()), { onSpawn: (p) => (pid = p) });
  const job = during?.(pid, () => (marked = performance.now()));
  return run.then(async (r) => {
    await job;
    return { ...r, seconds: (performance.now() - started) / 1000, sinceMark: (performance.now() - marked) / 1000 };
  });
}

describe('an endpoint that accepts the connection and never answers', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let bucket: string;
  beforeAll(async () => {
    silent = await silentServer();
    bucket = await createBucket(rgw());
  });
  afterAll(async () => {
    await silent?.close();
    if (bucket) await emptyAndDeleteBucket(rgw(), bucket);
  });

  test.each([
    [
      'list',
      () => [
        'list',
        '--bucket',
        'any-bucket',
        '--endpoint',
        silent.endpoint,
        '--environment',
        ENV,
        '--s3-timeout',
        '2s',
      ],
    ],
    [
      'backup',
      () => [
        'backup',
        '--database-url',
        pg15().url('postgres'),
        '--bucket',
        'any-bucket',
        '--endpoint',
        silent.endpoint,
        '--environment',
        ENV,
        '--s3-timeout',
        '2s',
      ],
    ],
  ])(
    '%s fails after s3-timeout with one line naming the peer and the setting (not retried five times)',
    async (_verb, args) => {
      const r = await timedCli(args());
      expect(r.code).toBe(1);
      expect(reason(r)).toMatch(
        /^s3-backup: error: listing s3:\/\/any-bucket\/ci failed: 127\.0\.0\.1:\d+ accepted the connection but sent nothing for 2s \(s3-timeout\); check the endpoint and the network, or raise s3-timeout for a slow link$/,
      );
      expect(errorLines(r).filter((l) => l.startsWith('s3-backup: error:'))).toHaveLength(1);
      // one timeout, not five: node's start, the database check and 2 s, well under the 10 s five attempts would take
      expect(r.seconds).toBeLessThan(8);
    },
  );

  test('SIGTERM while list waits (default s3-timeout, 60s): exits 130 at once, saying nothing was written', async () => {
    const waiting = await silentServer();
    try {
      const r = await timedCli(
        ['list', '--bucket', 'any-bucket', '--endpoint', waiting.endpoint, '--environment', ENV],
        async (pid, mark) => {
          await waiting.received;
          mark();
          process.kill(pid, 'SIGTERM');
        },
      );
      expect(r.code).toBe(130);
      expect(reason(r)).toBe('s3-backup: error: cancelled by SIGTERM: nothing was written');
      expect(r.sinceMark).toBeLessThan(3);
    } finally {
      await waiting.close();
    }
  });

  describe('SIGTERM during a backup whose part upload stalls', () => {
    let source: string;
    beforeAll(async () => {
      source = await bulkDatabase(pg15(), 200_000);
    });
    // the database's upload alone: the globals, dumped beside it, would finish (and be removed) first or not by timing
    const backupVia = (endpoint: string, name: string) =>
      backupArgs(source, bucket, endpoint, name, '--part-size', '5MiB', '--globals', 'false');

    test('first SIGTERM: the stalled request is abandoned, the upload aborted, exit 130 within seconds', async () => {
      const proxy = await startFaultProxy(rgw().endpoint, always(op('UploadPart'), 'stall'));
      try {
        const r = await timedCli(backupVia(proxy.endpoint, 'sigterm'), async (pid, mark) => {
          await proxy.whenInjected((f) => f.op === 'UploadPart');
          mark();
          process.kill(pid, 'SIGTERM');
        });
        expect(r.code).toBe(130);
        expect(reason(r)).toBe(
          's3-backup: error: cancelled by SIGTERM: the unfinished upload was aborted and nothing was written',
        );
        expect(r.sinceMark).toBeLessThan(5);
        expect(proxy.count('AbortMultipartUpload')).toBe(1);
      } finally {
        await proxy.close();
      }
      expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
      expect(await listAllKeys(rgw(), bucket)).toEqual([]);
    });

    test('first SIGTERM while the globals object is on its way: the object it completes anyway is removed', async () => {
      // the globals' object request waits in the proxy; the database's first part stalls
      const globalsObject = (r: S3Request) =>
        (r.op === 'PutObject' || r.op === 'CompleteMultipartUpload') && /\/_globals_[^/]*\.sql\.zst$/.test(r.key ?? '');
      const proxy = await startFaultProxy(
        rgw().endpoint,
        both(always(globalsObject, 'hold'), always(op('UploadPart'), 'stall')),
      );
      try {
        const args = backupArgs(source, bucket, proxy.endpoint, 'landing', '--part-size', '5MiB');
        const r = await timedCli(args, async (pid) => {
          await proxy.whenHeld(1);
          await proxy.whenInjected((f) => f.op === 'UploadPart');
          process.kill(pid, 'SIGTERM');
          // the database's upload is aborted on the signal: the globals' request lands after the cancellation
          await waitUntil('the database upload aborted', () => proxy.count('AbortMultipartUpload') > 0);
          proxy.release();
        });
        expect(r.code).toBe(130);
        expect(reason(r)).toMatch(/the upload completed as the run stopped, and s3:\/\/\S+_globals_\S+ was removed/);
      } finally {
        await proxy.close();
      }
      expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
      expect(await listAllKeys(rgw(), bucket)).toEqual([]);
    });

    test('first SIGTERM while the abort itself stalls: exit 130 after the cleanup grace, naming the upload left', async () => {
      const proxy = await startFaultProxy(
        rgw().endpoint,
        both(always(op('UploadPart'), 'stall'), always(op('AbortMultipartUpload'), 'stall')),
      );
      try {
        const r = await timedCli(backupVia(proxy.endpoint, 'graceful'), async (pid, mark) => {
          await proxy.whenInjected((f) => f.op === 'UploadPart');
          mark();
          process.kill(pid, 'SIGTERM');
        });
        expect(r.code).toBe(130);
        expect(reason(r)).toMatch(
          /^s3-backup: error: cancelled by SIGTERM: the unfinished multipart upload \S+ of s3:\/\/\S+ could not be aborted \(no answer within 5s of the cancellation\): abort it, or let a lifecycle rule \(AbortIncompleteMultipartUpload\) remove it$/,
        );
        expect(r.sinceMark).toBeLessThan(10);
      } finally {
        await proxy.close();
      }
      const left = await listMultipartUploads(rgw(), bucket);
      expect(left).toHaveLength(1);
      const s3 = makeS3Client(rgw());
      await s3.send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: left[0]!.key, UploadId: left[0]!.uploadId }),
      );
      s3.destroy();
    });

    test('a second SIGTERM during the cleanup: exit 130 at once, with a line saying the cleanup was cut short', async () => {
      const proxy = await startFaultProxy(
        rgw().endpoint,
        both(always(op('UploadPart'), 'stall'), always(op('AbortMultipartUpload'), 'stall')),
      );
      try {
        const r = await timedCli(backupVia(proxy.endpoint, 'twice'), async (pid, mark) => {
          await proxy.whenInjected((f) => f.op === 'UploadPart');
          process.kill(pid, 'SIGTERM');
          await proxy.whenInjected((f) => f.op === 'AbortMultipartUpload');
          mark();
          process.kill(pid, 'SIGTERM');
        });
        expect(r.code).toBe(130);
        expect(reason(r)).toBe(
          's3-backup: error: SIGTERM again: stopped at once, without finishing the cleanup (an unfinished multipart upload or temporary files may remain)',
        );
        expect(r.sinceMark).toBeLessThan(2);
      } finally {
        await proxy.close();
      }
      const left = await listMultipartUploads(rgw(), bucket);
      const s3 = makeS3Client(rgw());
      for (const u of left)
        await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.key, UploadId: u.uploadId }));
      s3.destroy();
    });
  });
});
