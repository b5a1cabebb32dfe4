/**
 * The server's globals (roles, memberships, role settings, tablespaces) as a backup like any other: pg_dumpall
 * --globals-only → compressor → [encryption] → hash → one multipart upload, under a claimed key, then its .sha256 and
 * .meta and latest/_globals.json. Where pg_authid cannot be read (managed servers, a backup role that is not a
 * superuser) the role passwords are left out (--no-role-passwords) and the manifest says so.
 */
import type { GlobalsResult } from '../model/results.js';
import type { S3Client } from '@aws-sdk/client-s3';
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
import type { KeyClaim } from '../store/claims.js';
import { completedByLooking } from '../s3/multipart.js';
import { writeSidecars, type Sidecars } from '../store/sidecars.js';
import { nodeHasZstd, planCompressor } from '../stream/compress.js';
import { globalsAccess, type GlobalsAccess } from '../postgres/admin.js';
import { runBackupStream } from '../stream/pipeline.js';
import type { StreamResult } from '../model/catalog.js';
import { which } from '../stream/which.js';
import { backupObjectSink, streamError, type Run } from './steps.js';
import { placeBackup } from './database.js';
import { copyStreamPlan, discardCopy, finishCopy, prepareCopy, releaseCopy, type CopyRun } from './copy.js';
import { teeSink } from '../stream/tee.js';
import { deferredSink } from '../stream/deferred-sink.js';
import type { UploadSink } from '../s3/upload.js';
import { inputRef } from '../core/input-ref.js';

/** What the globals await before their pointer moves: the database beside them (see side-by-side.ts). */
type Waits = Pick<Sidecars, 'beforePointers'>;
const waits = (p: Waits): Waits => (p.beforePointers ? { beforePointers: p.beforePointers } : {});

/** What pg_dumpall may read: pg_authid (with the passwords) or only pg_roles; and the roles themselves. */
async function probeGlobals(o: BackupOptions): Promise<GlobalsAccess> {
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
  g: {
    s3: S3Client;
    server: ServerInfo;
    keyAt: Date;
    encryptor?: Encryptor;
    s3Error: Run['s3Error'];
    /** What the set's own connection found (saves one); asked here when not given. */
    access?: GlobalsAccess;
  } & Waits,
): Promise<GlobalsResult> {
  const startedAt = ctx.now();
  const finding = findPgBin({
    tool: 'pg_dumpall',
    required: g.server.major,
    pgBinDir: o.pgBinDir,
    because: `the server is PostgreSQL ${g.server.version}`,
    install: ctx.installClient,
  });
  finding.catch(() => undefined);
  const probe = g.access ?? (await probeGlobals(o));
  const noRolePasswords = !probe.readsAuthid;
  if (noRolePasswords)
    ctx.log.warning(
      `globals: the role passwords cannot be read (no access to pg_authid: a managed server, or a backup role that is not a superuser); they are left out (pg_dumpall --no-role-passwords): set them after a restore, or set ${inputRef('globals', 'false')} to back up the databases alone`,
      'Role passwords not backed up',
    );
  const bin = await finding;
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
  const { o, ctx, s3 } = run;
  // the key claimed and the tier listed while pg_dumpall starts (the upload waits for them)
  const placing = placeGlobals(run, p.claims, p.copy);
  placing.catch(() => undefined);
  let streamed: Awaited<ReturnType<typeof streamGlobals>>;
  try {
    streamed = await streamGlobals(run, { ...p, placed: placing });
  } catch (err) {
    // a claim still under way settles before the run's end releases the claims
    await placing.catch(() => undefined);
    throw err;
  }
  const { stream, compressor } = streamed;
  const { key, tier, common, tiered } = await placing;
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

/** The globals' key (and its copy's) claimed and their tier listed, as a database's are; then their copy's plan. */
async function placeGlobals(run: Run, claims: KeyClaim[], copy: CopyRun | undefined) {
  const placed = await placeBackup(run, claims, copy, GLOBALS_NAME);
  return { ...placed, copy: copyStreamPlan(run, copy, placed.tier) };
}

async function streamGlobals(
  run: Run,
  p: {
    bin: PgBin;
    noRolePasswords: boolean;
    placed: ReturnType<typeof placeGlobals>;
  },
): Promise<{ stream: StreamResult; compressor: string }> {
  const { o, ctx } = run;
  // a few kilobytes: compressed in this process when it can, which costs less than starting zstd for them
  const nodeZstd = nodeHasZstd();
  const compressor = planCompressor(o.compression, o.compressionLevel, {
    zstd: nodeZstd ? undefined : await which('zstd', ctx.env),
    nodeZstd,
  });
  const partSize = choosePartSize(0, o.compression, o.partSize, o.s3.provider.maxParts);
  let sink: UploadSink | undefined;
  const destination = p.placed.then((pl) => {
    sink = backupObjectSink(run, pl.key, pl.tiered, { partSize, queueSize: 1, signal: ctx.signal });
    const copySink = pl.copy?.sink(partSize);
    return copySink ? teeSink(sink, copySink, (err) => pl.copy!.failed(err)) : sink;
  });
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
      sink: deferredSink(destination),
      signal: ctx.signal,
    });
  } catch (err) {
    // the placement's own failure (a claim or listing refused) is the run's error, not the dump it stopped
    const placing = await p.placed.then(
      (pl) => ({ key: pl.key }),
      (e: unknown) => ({ error: e }),
    );
    if ('error' in placing) throw placing.error;
    throw streamError(run, err, placing.key);
  }
  const key = (await p.placed).key;
  if (completedByLooking(await sink!.completed))
    ctx.log.info(`the answer to CompleteMultipartUpload was lost; s3://${o.s3.bucket}/${key} is there: completed`);
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
