/**
 * S3 servers for integration tests:
 *  - Ceph RADOS Gateway (a real S3 implementation: SigV4, users/AccessDenied, policies, versioning,
 *    Object Lock, lifecycle...) started by test/support/rgw/start-rgw.sh (needs `bash .ci/install-deps.sh`);
 *  - fauxqs, an in-process S3 emulator (no auth, fewer features, SDK-default friendly).
 *
 * The helpers take an `S3Descriptor` (plain JSON: what global setup provides to the test workers), so
 * they work both with a started `S3Server` and with `rgw()` / `fauxqs()` from ./context.ts.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GetObjectCommand,
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
  type CreateBucketCommandInput,
  type ObjectIdentifier,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { startFauxqs as startFauxqsServer } from 'fauxqs';
import { freePort } from './postgres.js';

export type S3Kind = 'rgw' | 'fauxqs';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** JSON-serializable description of a running S3 server (provided to test workers by global setup). */
export interface S3Descriptor extends S3Credentials {
  kind: S3Kind;
  endpoint: string;
  region: string;
  /** A second user without rights on the main user's buckets (rgw only: fauxqs has no auth at all). */
  other?: S3Credentials;
  forcePathStyle: boolean;
  /** fauxqs only: its file storage dir (used to list in-progress multipart uploads, which fauxqs can't). */
  storageDir?: string;
}

export interface S3Server extends S3Descriptor {
  stop(): Promise<void>;
}

export const RGW_KEYS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;
export const RGW_OTHER_KEYS = {
  accessKeyId: 'OTHERACCESSKEY000001',
  secretAccessKey: 'othersecretkey0000000000000000000000001',
} as const;

const RGW_DIR = join(dirname(fileURLToPath(import.meta.url)), 'rgw');

function runScript(script: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(RGW_DIR, script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** SIGKILL whatever start-rgw.sh left running in `base` (synchronous: usable from an 'exit' handler). */
function killRgwSync(base: string): void {
  for (const name of ['client.rgw', 'osd.0', 'mon.a']) {
    const pidFile = join(base, 'run', `${name}.pid`);
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    let comm = '';
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (['radosgw', 'ceph-osd', 'ceph-mon'].includes(comm)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

/**
 * Starts a fresh single-node Ceph + radosgw on free ports, state in a new dir under os.tmpdir().
 * Throws "Ceph RGW is not installed: ..." when the Debian packages are missing.
 */
export async function startRgw(): Promise<S3Server> {
  const base = await mkdtemp(join(tmpdir(), 's3b-rgw-'));
  await chmod(base, 0o755);
  const rgwPort = await freePort();
  let monPort = await freePort();
  while (monPort === rgwPort) monPort = await freePort();
  const env = { RGW_BASE: base, RGW_PORT: String(rgwPort), MON_PORT: String(monPort) };

  // safety net: never leave ceph daemons behind if the process dies without teardown
  const onExit = () => killRgwSync(base);
  process.once('exit', onExit);

  const { code, output } = await runScript('start-rgw.sh', env);
  if (code !== 0) {
    process.removeListener('exit', onExit);
    killRgwSync(base);
    await rm(base, { recursive: true, force: true }).catch(() => undefined);
    const notInstalled = output.split('\n').find((l) => l.startsWith('Ceph RGW is not installed'));
    throw new Error(notInstalled ?? `start-rgw.sh failed (exit ${code}):\n${output.trim()}`);
  }

  let stopped = false;
  return {
    kind: 'rgw',
    endpoint: `http://127.0.0.1:${rgwPort}`,
    region: 'us-east-1',
    ...RGW_KEYS,
    other: { ...RGW_OTHER_KEYS },
    forcePathStyle: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      // memstore and wiped anyway: nothing worth a graceful shutdown (radosgw ignores SIGTERM for a
      // long time, mon/osd take ~2 s each), so SIGKILL right away
      const r = await runScript('stop-rgw.sh', { ...env, RGW_STOP_GRACE: '0', WIPE: '1' });
      killRgwSync(base);
      process.removeListener('exit', onExit);
      await rm(base, { recursive: true, force: true }).catch(() => undefined);
      if (r.code !== 0) throw new Error(`stop-rgw.sh failed (exit ${r.code}):\n${r.output}`);
    },
  };
}

/** Starts fauxqs in this process on a free port, objects stored as files under a new dir in os.tmpdir(). */
export async function startFauxqs(): Promise<S3Server> {
  const storageDir = await mkdtemp(join(tmpdir(), 's3b-fauxqs-'));
  const server = await startFauxqsServer({
    port: 0,
    logger: false,
    defaultRegion: 'us-east-1',
    s3StorageDir: storageDir,
  });
  let stopped = false;
  return {
    kind: 'fauxqs',
    endpoint: server.address,
    region: 'us-east-1',
    // fauxqs accepts any credentials; distinct values make leaks easy to grep for
    accessKeyId: 'FAUXQSACCESSKEY00001',
    secretAccessKey: 'fauxqs-secret-key-0000000000000000000001',
    forcePathStyle: true,
    storageDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/**
 * An S3Client for test code (setup/assertions — not the product's client).
 * Ceph RGW 16 refuses streamed PutObject bodies under the SDK default
 * `requestChecksumCalculation: 'WHEN_SUPPORTED'` (411 MissingContentLength), so rgw gets `WHEN_REQUIRED`.
 * `overrides.credentials` etc. replace the defaults; use `{ credentials: server.other }` for the other user.
 */
export function makeS3Client(server: S3Descriptor, overrides: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    forcePathStyle: server.forcePathStyle,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    ...(server.kind === 'rgw'
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
    ...overrides,
  });
}

async function withClient<T>(server: S3Descriptor, fn: (s3: S3Client) => Promise<T>): Promise<T> {
  const s3 = makeS3Client(server);
  try {
    return await fn(s3);
  } finally {
    s3.destroy();
  }
}

/** A bucket name that is unique per call and valid everywhere (lowercase, digits, dashes). */
export function uniqueBucketName(prefix = 't'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Creates a bucket (unique name unless given) owned by the main user; returns its name. */
export async function createBucket(
  server: S3Descriptor,
  name?: string,
  extra: Omit<CreateBucketCommandInput, 'Bucket'> = {},
): Promise<string> {
  const bucket = name ?? uniqueBucketName();
  await withClient(server, (s3) => s3.send(new CreateBucketCommand({ Bucket: bucket, ...extra })));
  return bucket;
}

/** Every key in the bucket (optionally under `prefix`), in S3 listing order. */
export async function listAllKeys(server: S3Descriptor, bucket: string, prefix?: string): Promise<string[]> {
  return withClient(server, async (s3) => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  });
}

export interface InProgressUpload {
  key: string;
  uploadId: string;
  initiated?: string;
}

/**
 * In-progress (neither completed nor aborted) multipart uploads in the bucket: used to prove that a
 * failed/aborted upload leaves nothing half-done. fauxqs does not implement ListMultipartUploads (it
 * answers `GET ?uploads` with an object listing, i.e. silently "none"), so for fauxqs its storage
 * directory is read instead.
 */
export async function listMultipartUploads(server: S3Descriptor, bucket: string): Promise<InProgressUpload[]> {
  if (server.kind === 'fauxqs') {
    if (!server.storageDir) throw new Error('fauxqs descriptor without storageDir');
    const dir = join(server.storageDir, '_multipart');
    const ids = await readdir(dir).catch(() => [] as string[]);
    const uploads: InProgressUpload[] = [];
    for (const id of ids) {
      const meta = await readFile(join(dir, id, '.upload.json'), 'utf8').catch(() => undefined);
      if (!meta) continue;
      const m = JSON.parse(meta) as { uploadId: string; bucket: string; key: string; initiated?: string };
      if (m.bucket === bucket) uploads.push({ key: m.key, uploadId: m.uploadId, initiated: m.initiated });
    }
    return uploads.sort((a, b) => a.key.localeCompare(b.key) || a.uploadId.localeCompare(b.uploadId));
  }
  return withClient(server, async (s3) => {
    const uploads: InProgressUpload[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await s3.send(
        new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
      );
      for (const u of page.Uploads ?? []) {
        if (u.Key === undefined || u.UploadId === undefined) continue;
        uploads.push({ key: u.Key, uploadId: u.UploadId, initiated: u.Initiated?.toISOString() });
      }
      if (!page.IsTruncated) break;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
    return uploads;
  });
}

/** An object's bytes. */
export async function getObject(server: S3Descriptor, bucket: string, key: string): Promise<Buffer> {
  const out = await makeS3Client(server).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

/**
 * Aborts in-progress multipart uploads, deletes every object (all versions and delete markers on rgw,
 * bypassing GOVERNANCE retention) and deletes the bucket. COMPLIANCE-locked objects make it throw.
 */
export async function emptyAndDeleteBucket(server: S3Descriptor, bucket: string): Promise<void> {
  const uploads = await listMultipartUploads(server, bucket);
  await withClient(server, async (s3) => {
    for (const u of uploads) {
      await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.key, UploadId: u.uploadId }));
    }
    const deleteBatch = async (objects: ObjectIdentifier[]) => {
      for (let i = 0; i < objects.length; i += 1000) {
        const res = await s3.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: objects.slice(i, i + 1000), Quiet: true },
            ...(server.kind === 'rgw' ? { BypassGovernanceRetention: true } : {}),
          }),
        );
        if (res.Errors?.length) {
          const e = res.Errors[0]!;
          throw new Error(
            `emptyAndDeleteBucket ${bucket}: ${res.Errors.length} deletes failed, e.g. ${e.Key}: ${e.Code} ${e.Message}`,
          );
        }
      }
    };
    if (server.kind === 'rgw') {
      let keyMarker: string | undefined;
      let versionMarker: string | undefined;
      for (;;) {
        const page = await s3.send(
          new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
        );
        const objects: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
          .filter((v) => v.Key !== undefined)
          .map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
        if (objects.length) await deleteBatch(objects);
        if (!page.IsTruncated) break;
        keyMarker = page.NextKeyMarker;
        versionMarker = page.NextVersionIdMarker;
      }
    } else {
      for (;;) {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
        const objects = (page.Contents ?? []).filter((o) => o.Key !== undefined).map((o) => ({ Key: o.Key! }));
        if (!objects.length) break;
        await deleteBatch(objects);
      }
    }
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });
}
