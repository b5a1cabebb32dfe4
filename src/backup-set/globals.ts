/**
 * The server's globals (roles, memberships, role settings, tablespaces) as a backup like any other: pg_dumpall
 * --globals-only → compressor → [encryption] → hash → one multipart upload, under a claimed key, then its .sha256 and
 * .meta and latest/_globals.json. Where pg_authid cannot be read (managed servers, a backup role that is not a
 * superuser) the role passwords are left out (--no-role-passwords) and the manifest says so.
 */
import { plural } from '../core/format.js';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../core/context.js';
import { GLOBALS_NAME, latestNamePointerKey } from '../core/backup-set.js';
import type { Manifest } from '../core/manifest.js';
import { manifestOf } from '../core/backup-manifest.js';
import { choosePartSize } from '../core/plan.js';
import type { Encryptor } from '../encryption/encrypt.js';
import type { BackupOptions } from '../options/parse.js';
import { connectionUrl, toolEnv } from '../postgres/connection.js';
import { connect, describePgError, type ServerInfo } from '../postgres/introspect.js';
import { findPgBin, type PgBin } from '../postgres/tools.js';
import { tierBeforeUpload } from '../retention/after-backup.js';
import type { KeyClaim } from '../s3/claim.js';
import { completedByLooking } from '../s3/multipart.js';
import { writeSidecars } from '../s3/sidecars.js';
import { nodeHasZstd, planCompressor } from '../stream/compress.js';
import { runBackupStream, type StreamResult } from '../stream/pipeline.js';
import { which } from '../stream/which.js';
import { backupObjectSink, claimKey, putParams, type Run, streamError } from '../commands/backup-steps.js';

export interface GlobalsResult {
  key: string;
  manifest: Manifest;
}

/** What pg_dumpall may read: pg_authid (with the passwords) or only pg_roles; and the roles themselves. */
async function probeGlobals(o: BackupOptions): Promise<{ readsAuthid: boolean; roles: string[] }> {
  const client = await connect(o.connection);
  try {
    const { rows } = await client.query<{ can: boolean }>(
      "SELECT has_table_privilege('pg_catalog.pg_authid', 'SELECT') AS can",
    );
    const roles = await client.query<{ name: string }>(
      "SELECT rolname AS name FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1",
    );
    return { readsAuthid: rows[0]!.can, roles: roles.rows.map((r) => r.name) };
  } catch (err) {
    throw describePgError(err, o.connection);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function pgDumpallArgs(dbUrl: string, noRolePasswords: boolean): string[] {
  return [`--dbname=${dbUrl}`, '--no-password', '--globals-only', ...(noRolePasswords ? ['--no-role-passwords'] : [])];
}

/** Backs up the globals; `run` carries the set's time (keyAt) and the server the set found. */
export async function backupGlobals(
  o: BackupOptions,
  ctx: RunContext,
  g: { s3: S3Client; server: ServerInfo; keyAt: Date; encryptor?: Encryptor; s3Error: Run['s3Error'] },
): Promise<GlobalsResult> {
  const startedAt = ctx.now();
  const probe = await probeGlobals(o);
  const noRolePasswords = !probe.readsAuthid;
  if (noRolePasswords)
    ctx.log.warning(
      `globals: the role passwords cannot be read (no access to pg_authid: a managed server, or a backup role that is not a superuser); they are left out (pg_dumpall --no-role-passwords): set them after a restore`,
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
  try {
    const key = await claimKey(run, claims);
    const tier = await tierBeforeUpload(g.s3, go, GLOBALS_NAME, g.keyAt).catch((err) => {
      throw g.s3Error(err, 'listing', o.s3.prefix);
    });
    const { common, tiered } = putParams(go, tier, g.keyAt);
    const { stream, compressor } = await streamGlobals(run, { key, bin, tiered, noRolePasswords });
    const manifest = globalsManifest(go, ctx, { key, server: g.server, bin, compressor, stream, startedAt, tier });
    manifest.encryption = g.encryptor?.manifest ?? null;
    manifest.globals = { roles: probe.roles, noRolePasswords };
    const place = { bucket: o.s3.bucket, prefix: o.s3.prefix, storageClass: o.storageClass };
    const pointers = [latestNamePointerKey(o.s3.prefix, GLOBALS_NAME)];
    await writeSidecars({ s3: g.s3, ctx, ...place, key, manifest, common, tiered, s3Error: g.s3Error, pointers });
    ctx.log.info(`globals: s3://${o.s3.bucket}/${key}, ${plural(probe.roles.length, 'role')}, sha256 ${stream.sha256}`);
    return { key, manifest };
  } finally {
    for (const c of claims) await c.release().catch(() => undefined);
  }
}

async function streamGlobals(
  run: Run,
  p: { key: string; bin: PgBin; tiered: Omit<PutObjectCommandInput, 'Key' | 'Body'>; noRolePasswords: boolean },
): Promise<{ stream: StreamResult; compressor: string }> {
  const { o, ctx } = run;
  const compressor = planCompressor(o.compression, o.compressionLevel, {
    zstd: await which('zstd', ctx.env),
    nodeZstd: nodeHasZstd(),
  });
  const sink = backupObjectSink(run, p.key, p.tiered, {
    partSize: choosePartSize(0, o.compression, o.partSize, o.s3.provider.maxParts),
    queueSize: 1,
    signal: ctx.signal,
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
      sink,
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
