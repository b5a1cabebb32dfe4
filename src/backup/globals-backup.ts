/**
 * The server's globals (roles, memberships, role settings, tablespaces) as a backup like any other: pg_dumpall
 * --globals-only → compressor → [encryption] → hash → one multipart upload, under a claimed key, then its .sha256 and
 * .meta and latest/_globals.json. Where pg_authid cannot be read (managed servers, a backup role that is not a
 * superuser) the role passwords are left out (--no-role-passwords) and the manifest says so.
 */
import type { GlobalsResult } from '../model/results.js';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { plural } from '../core/format.js';
import { GLOBALS_NAME, latestNamePointerKey } from '../core/set-format.js';
import type { Manifest } from '../model/manifest.js';
import { manifestOf } from '../core/backup-manifest.js';
import { choosePartSize } from '../core/plan.js';
import type { Encryptor } from '../encryption/encrypt.js';
import type { BackupOptions } from '../model/options.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import { connect, describePgError } from '../postgres/introspect.js';
import type { ServerInfo } from '../model/catalog.js';
import { findPgBin, type PgBin } from '../postgres/tools.js';
import { tierBeforeUpload } from '../retention/after-backup.js';
import type { KeyClaim } from '../store/claims.js';
import { completedByLooking } from '../s3/multipart.js';
import { writeSidecars, type Sidecars } from '../store/sidecars.js';
import { nodeHasZstd, planCompressor } from '../stream/compress.js';
import { globalsAccess } from '../postgres/admin.js';
import { runBackupStream } from '../stream/pipeline.js';
import type { StreamResult } from '../model/catalog.js';
import { which } from '../stream/which.js';
import { backupObjectSink, claimKey, putParams, streamError, type Run } from './steps.js';
import {
  claimCopyKey,
  copyStreamPlan,
  discardCopy,
  finishCopy,
  prepareCopy,
  releaseCopy,
  type CopyRun,
} from './copy.js';
import { teeSink } from '../stream/tee.js';
import { inputRef } from '../core/input-ref.js';

/** What the globals await before their pointer moves: the database beside them (see side-by-side.ts). */
type Waits = Pick<Sidecars, 'beforePointers'>;
const waits = (p: Waits): Waits => (p.beforePointers ? { beforePointers: p.beforePointers } : {});

/** What pg_dumpall may read: pg_authid (with the passwords) or only pg_roles; and the roles themselves. */
async function probeGlobals(o: BackupOptions): Promise<{ readsAuthid: boolean; roles: string[] }> {
  const client = await connect(o.connection);
  try {
    return await globalsAccess(client);
  } catch (err) {
    throw describePgError(err, o.connection);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function pgDumpallArgs(dbUrl: string, noRolePasswords: boolean): string[] {
  return [`--dbname=${dbUrl}`, '--no-password', '--globals-only', ...(noRolePasswords ? ['--no-role-passwords'] : [])];
}

/** Backs up the globals; `g` carries the set's time (keyAt), the server the set found, the wait before the pointer. */
export async function backupGlobals(
  o: BackupOptions,
  ctx: RunContext,
  g: { s3: S3Client; server: ServerInfo; keyAt: Date; encryptor?: Encryptor; s3Error: Run['s3Error'] } & Waits,
): Promise<GlobalsResult> {
  const startedAt = ctx.now();
  const probe = await probeGlobals(o);
  const noRolePasswords = !probe.readsAuthid;
  if (noRolePasswords)
    ctx.log.warning(
      `globals: the role passwords cannot be read (no access to pg_authid: a managed server, or a backup role that is not a superuser); they are left out (pg_dumpall --no-role-passwords): set them after a restore, or set ${inputRef('globals', 'false')} to back up the databases alone`,
      'Role passwords not backed up',
    );
  const bin = await findPgBin({
    tool: 'pg_dumpall',
    required: g.server.major,
    pgBinDir: o.pgBinDir,
    because: `the server is PostgreSQL ${g.server.version}`,
    install: ctx.installClient,
  });
  const go: BackupOptions = { ...o, format: 'plain', name: GLOBALS_NAME, latestCopy: false };
  const claims: KeyClaim[] = [];
  // no snapshot: pg_dumpall reads the shared catalogs, which a database's snapshot does not cover
  const run: Run = { o: go, ctx, s3: g.s3, snap: undefined as never, startedAt, keyAt: g.keyAt, s3Error: g.s3Error };
  if (g.encryptor) run.encryptor = g.encryptor;
  // the copy (copy-to) gets the globals too, from the same stream: a recovery from the copy needs them
  const copy = prepareCopy(go, ctx);
  try {
    return await storeGlobals(run, { ...g, claims, copy, bin, probe, noRolePasswords, startedAt });
  } catch (err) {
    await discardCopy(copy, ctx);
    throw err;
  } finally {
    await releaseCopy(copy, ctx);
    for (const c of claims) await c.release().catch(() => undefined);
  }
}

async function storeGlobals(
  run: Run,
  p: {
    claims: KeyClaim[];
    copy: CopyRun | undefined;
    bin: PgBin;
    server: ServerInfo;
    probe: { roles: string[] };
    noRolePasswords: boolean;
    startedAt: Date;
  } & Waits,
): Promise<GlobalsResult> {
  const { o, ctx, s3, keyAt } = run;
  const key = await claimKey(run, p.claims);
  await claimCopyKey(run, p.copy);
  const tier = await tierBeforeUpload(s3, o, GLOBALS_NAME, keyAt).catch((err) => {
    throw run.s3Error(err, 'listing', o.s3.prefix);
  });
  const { common, tiered } = putParams(o, tier, keyAt);
  const copyPlan = copyStreamPlan(run, p.copy, tier);
  const { stream, compressor } = await streamGlobals(run, { ...p, key, tiered, copy: copyPlan });
  const manifest = globalsManifest(o, ctx, { ...p, key, compressor, stream, tier });
  manifest.encryption = run.encryptor?.manifest ?? null;
  manifest.globals = { roles: p.probe.roles, noRolePasswords: p.noRolePasswords };
  const place = { bucket: o.s3.bucket, prefix: o.s3.prefix, storageClass: o.storageClass, ...waits(p) };
  const pointers = [latestNamePointerKey(o.s3.prefix, GLOBALS_NAME)];
  await writeSidecars({ s3, ctx, ...place, key, manifest, common, tiered, s3Error: run.s3Error, pointers });
  ctx.log.info(`globals: s3://${o.s3.bucket}/${key}, ${plural(p.probe.roles.length, 'role')}, sha256 ${stream.sha256}`);
  const copied = await finishCopy(run, p.copy, manifest, pointers);
  return { key, manifest, ...(copied ? { copy: copied } : {}) };
}

async function streamGlobals(
  run: Run,
  p: {
    key: string;
    bin: PgBin;
    tiered: Omit<PutObjectCommandInput, 'Key' | 'Body'>;
    noRolePasswords: boolean;
    copy?: ReturnType<typeof copyStreamPlan>;
  },
): Promise<{ stream: StreamResult; compressor: string }> {
  const { o, ctx } = run;
  const compressor = planCompressor(o.compression, o.compressionLevel, {
    zstd: await which('zstd', ctx.env),
    nodeZstd: nodeHasZstd(),
  });
  const partSize = choosePartSize(0, o.compression, o.partSize, o.s3.provider.maxParts);
  const sink = backupObjectSink(run, p.key, p.tiered, { partSize, queueSize: 1, signal: ctx.signal });
  const copySink = p.copy?.sink(partSize);
  let stream: StreamResult;
  try {
    stream = await runBackupStream({
      dump: {
        tool: 'pg_dumpall',
        command: `${p.bin.dir}/pg_dumpall`,
        args: pgDumpallArgs(connectionUrl(o.connection), p.noRolePasswords),
        env: toolEnv(o.connection, ctx.env),
      },
      compressor,
      ...(run.encryptor ? { stages: [run.encryptor.stage()] } : {}),
      sink: copySink ? teeSink(sink, copySink, (err) => p.copy!.failed(err)) : sink,
      signal: ctx.signal,
    });
  } catch (err) {
    throw streamError(run, err, p.key);
  }
  if (completedByLooking(await sink.completed))
    ctx.log.info(`the answer to CompleteMultipartUpload was lost; s3://${o.s3.bucket}/${p.key} is there: completed`);
  return { stream, compressor: compressor.label };
}

function globalsManifest(
  o: BackupOptions,
  ctx: RunContext,
  m: {
    key: string;
    server: ServerInfo;
    bin: PgBin;
    compressor: string;
    stream: StreamResult;
    startedAt: Date;
    tier: string;
  },
): Manifest {
  const run = { ...m, o, finishedAt: ctx.now(), env: ctx.env };
  return manifestOf(run, {
    database: {
      name: GLOBALS_NAME,
      host: o.connection.host,
      serverVersion: m.server.version,
      serverMajor: m.server.major,
      sizeBytes: 0,
    },
    format: 'plain',
    encryption: null,
    rowCounts: 'off',
    snapshot: null,
    schemas: [],
    tables: [],
    sequences: [],
    extensions: [],
    largeObjects: 0,
    roles: [],
    options: { schemas: [], excludeTables: [] },
  });
}
