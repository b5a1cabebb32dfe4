/** One database backed up: inputs → snapshot → one stream → sidecars → latest. Nothing is left behind when a step fails. */
import type { BackupResult } from '../model/results.js';
import type { S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { backupManifest } from '../core/backup-manifest.js';
import { writeSidecars } from '../store/sidecars.js';
import type { Manifest } from '../model/manifest.js';
import type { Tier } from '../model/retention.js';
import { checksumKey, extensionFor, latestCopyKey, latestPointerKey, manifestKey } from '../core/naming.js';
import { latestNamePointerKey } from '../core/set-format.js';
import type { BackupOptions } from '../model/options.js';
import { openSnapshot, type DumpSnapshot } from '../postgres/snapshot.js';
import type { PgClient } from '../postgres/introspect.js';
import { probeAhead } from '../postgres/tools.js';
import { clientFor } from '../s3/client.js';
import type { ClaimStep, KeyClaim } from '../store/claims.js';
import { describeS3Error, s3ErrorsOf } from '../s3/describe-error.js';
import { formatBytes, plural } from '../core/format.js';
import { openEncryption, type Encryptor } from '../encryption/encrypt.js';
import { afterBackup, tierBeforeUpload } from '../retention/after-backup.js';
import {
  claimKey,
  findTools,
  keyName,
  putParams,
  type streamToS3,
  streamToS3Placed,
  tools,
  uploadProgress,
  type Run,
} from './steps.js';
import { DumpTables } from '../core/work-progress.js';
import type { Catalog, ServerInfo } from '../model/catalog.js';
import { planParts, streamParts } from './parts.js';
import {
  claimCopyKey,
  copyPartsPlan,
  copyStreamPlan,
  discardCopy,
  finishCopy,
  prepareCopy,
  releaseCopy,
  type CopyRun,
} from './copy.js';

/** How a backup that is one member of a set differs from a backup on its own. */
export interface MemberOptions {
  /** The time in the member's key: the set's, so that a set's members share one timestamp. */
  keyAt?: Date;
  /** The latest pointers this backup moves (default: latest.json and latest/<name>.json). */
  pointers?: string[];
  /** Within a set: the database the progress and done lines are about. */
  label?: string;
  /** Awaited before the pointers move, once the object and its sidecars are stored (the globals beside it). */
  beforePointers?: () => Promise<void>;
  /** The server, as the set found it: pg_dump is then found while the snapshot opens. */
  server?: ServerInfo;
  /** Told once pg_dump has started, or once the backup has failed before it: the work beside it waits for that. */
  dumping?: () => void;
  /** An open connection to the database (the set's own, which found `server`), taken for the snapshot. */
  connection?: () => PgClient | undefined;
}

export async function backup(o: BackupOptions, given: RunContext, member: MemberOptions = {}): Promise<BackupResult> {
  const { label } = member;
  const progress = given.onProgress;
  const ctx =
    label && progress
      ? { ...given, onProgress: (p: { phase: string; bytes: number; total?: number }) => progress({ ...p, label }) }
      : given;
  const startedAt = ctx.now();
  const s3 = clientFor(ctx, o.s3);
  // recipients are checked before anything else: a bad key must not cost a connection or a dump
  const encryptor = o.encryption ? await openEncryption(o.encryption) : undefined;

  // 1. the server, and the snapshot pg_dump will dump (its catalog and row counts go into the manifest)
  const finding = member.server ? findTools(o, ctx, member.server) : undefined;
  if (finding) finding.catch(() => undefined);
  else probeAhead('pg_dump', o.pgBinDir);
  const taken = member.server && member.connection?.();
  const opened = taken ? { client: taken, server: member.server! } : undefined;
  const snap = await openSnapshot(o.connection, o, ctx.log, opened);
  let result: BackupResult;
  const claims: KeyClaim[] = [];
  const copy = prepareCopy(o, ctx);
  try {
    result = await backupInSnapshot(o, ctx, { snap, s3, startedAt, claims, copy, encryptor, member, finding });
  } catch (err) {
    // no copy without its backup: a copy whose upload completed before the backup failed is removed
    await discardCopy(copy, ctx);
    throw err;
  } finally {
    await snap.close();
    await releaseCopy(copy, ctx);
    // the key's claim goes when the run ends, however it ended: a stored backup now guards its key itself
    for (const c of claims) {
      await c.release().catch((err) =>
        ctx.log.warning(
          describeS3Error(err, {
            bucket: o.s3.bucket,
            key: (err as ClaimStep).claimKey,
            endpoint: o.s3.endpoint,
            action: 'deleting the claim',
          }).message,
        ),
      );
    }
  }
  // only once the backup is stored: retention, cost estimate, audit (never undoing the backup)
  const name = o.name ?? keyName(o.connection.database);
  result.retention = await afterBackup(o, ctx, s3, {
    tier: result.retention!.tier,
    size: result.size,
    name,
    at: member.keyAt ?? startedAt,
  });
  return result;
}

async function backupInSnapshot(
  o: BackupOptions,
  ctx: RunContext,
  r: {
    snap: DumpSnapshot;
    s3: S3Client;
    startedAt: Date;
    claims: KeyClaim[];
    copy: CopyRun | undefined;
    encryptor?: Encryptor;
    member: MemberOptions;
    finding?: ReturnType<typeof findTools>;
  },
): Promise<BackupResult> {
  const { snap, s3, startedAt, claims, copy, encryptor } = r;
  const s3Error = s3ErrorsOf(o.s3);
  const run: Run = { o, ctx, s3, snap, startedAt, keyAt: r.member.keyAt ?? startedAt, encryptor, s3Error };
  const { server, catalog } = snap;
  ctx.log.info(
    `server: PostgreSQL ${server.version}, database "${o.connection.database}" ${formatBytes(server.databaseSize)}, ${plural(catalog.tables.length, 'table')}`,
  );
  // 2.–4. the key claimed and the tier listed while pg_dump starts (the upload waits for them), then the stream
  const name = o.name ?? keyName(o.connection.database);
  const counting = snap.counts();
  counting.catch(() => undefined);
  const ext = extensionFor(o.format, o.compression, encryptor?.method);
  if (o.format === 'custom') run.progress = new DumpTables(dumpedTables(catalog));
  const { key, tier, common, tiered, bin, compressor, stored, stream, sized } = await dumpPlaced(run, {
    claims,
    copy,
    name,
    counting,
    ext,
    finding: r.finding,
    dumping: r.member.dumping,
  });
  await sized;
  uploadProgress(run, stream.bytes + (stored?.parts ?? []).reduce((n, p) => n + p.size, 0), true);
  // 5. sidecars, then pointers; any failure removes what this run wrote
  const manifest: Manifest = {
    ...manifestOf(run, { key, tier, bin, compressor: compressor.label, stream, tables: await counting }),
    ...(stored ? { parts: stored.parts } : {}),
  };
  const copyKey = o.latestCopy ? latestCopyKey(o.s3.prefix, ext) : undefined;
  const place = {
    bucket: o.s3.bucket,
    prefix: o.s3.prefix,
    storageClass: o.storageClass,
    beforePointers: r.member.beforePointers,
  };
  const pointers = r.member.pointers ?? [latestNamePointerKey(o.s3.prefix, name), latestPointerKey(o.s3.prefix)];
  await writeSidecars({ s3, ctx, ...place, key, manifest, common, tiered, copyKey, s3Error, pointers }).catch(
    async (err) => {
      await stored?.remove();
      throw err;
    },
  );
  ctx.log.info(
    `done: ${r.member.label ? `${r.member.label}: ` : ''}${formatBytes(stream.bytes)} stored${stream.rawBytes ? ` from ${formatBytes(stream.rawBytes)}` : ''}, sha256 ${stream.sha256}`,
  );
  const copied = await finishCopy(run, copy, manifest, pointers);
  const result = resultOf(o.s3.bucket, manifest, bin.version, copyKey);
  // a multi-stream backup's size is what it stores: the schema part and every data part
  for (const p of manifest.parts ?? []) {
    result.size += p.size;
    result.rawSize = result.rawSize === null || p.rawSize === null ? null : result.rawSize + p.rawSize;
  }
  return { ...result, ...(copied ? { copy: copied } : {}) };
}

/** Steps 2 to 4: pg_dump (and the compressor) found and started while the key is claimed and the tier listed. */
async function dumpPlaced(
  run: Run,
  r: {
    claims: KeyClaim[];
    copy: CopyRun | undefined;
    name: string;
    counting: Promise<unknown>;
    ext: string;
    finding?: ReturnType<typeof findTools>;
    dumping?: () => void;
  },
) {
  const placing = placeBackup(run, r.claims, r.copy, r.name);
  placing.catch(() => undefined);
  const copyForParts = async () => copyPartsPlan(run, r.copy, (await placing).tier, r.ext);
  try {
    const { bin, compressor } = await tools(run, r.finding);
    const dataParts = await planParts(run);
    // one stream: the sizes are read on the snapshot's connection while pg_dump starts
    const sized = dataParts ? undefined : run.snap.tableSizes().then((s) => s && run.progress?.sized(s.tables));
    const { counting, ext } = r;
    const single = dataParts
      ? undefined
      : streamToS3Placed(
          run,
          { bin, compressor, counting },
          placing.then((pl) => ({ ...pl, copy: copyStreamPlan(run, r.copy, pl.tier) })),
        );
    r.dumping?.();
    const stored = dataParts
      ? await streamParts(
          run,
          { ...(await placing), bin, compressor, counting, ext, copyFor: await copyForParts() },
          dataParts,
        )
      : undefined;
    const stream = stored?.schema ?? (await single!);
    return { ...(await placing), bin, compressor, stored, stream, sized };
  } catch (err) {
    // a claim still under way settles before the run's end releases the claims
    await placing.catch(() => undefined);
    throw err;
  }
}

/** The backup's key (and its copy's) claimed, and its tier from the listing of earlier backups, all at once. */
export async function placeBackup(run: Run, claims: KeyClaim[], copy: CopyRun | undefined, name: string) {
  const { o, s3 } = run;
  const [key, copied, tier] = await Promise.allSettled([
    claimKey(run, claims),
    claimCopyKey(run, copy),
    tierBeforeUpload(s3, o, name, run.keyAt).catch((err) => {
      throw run.s3Error(err, 'listing', o.s3.prefix);
    }),
  ]);
  for (const x of [key, copied, tier]) if (x.status === 'rejected') throw x.reason;
  const k = (key as PromiseFulfilledResult<string>).value;
  const t = (tier as PromiseFulfilledResult<Tier>).value;
  return { key: k, tier: t, ...putParams(o, t, run.keyAt) };
}

/** The tables whose rows the dump holds ("schema.name"). */
const dumpedTables = (c: Catalog) => c.tables.filter((t) => t.kind === 'table').map((t) => `${t.schema}.${t.name}`);

/** the manifest of a stored stream: what was dumped, from where, how, and what the stream measured */
function manifestOf(
  run: Run,
  m: {
    key: string;
    tier: Tier;
    bin: Awaited<ReturnType<typeof tools>>['bin'];
    compressor: string;
    stream: Awaited<ReturnType<typeof streamToS3>>;
    tables: Awaited<ReturnType<DumpSnapshot['counts']>>;
  },
): Manifest {
  const { o, ctx, snap, startedAt, encryptor } = run;
  return backupManifest({
    o,
    ...m,
    server: snap.server,
    catalog: snap.catalog,
    rowCounts: snap.rowCounts,
    snapshot: snap.id,
    encryption: encryptor?.manifest ?? null,
    startedAt,
    finishedAt: ctx.now(),
    env: ctx.env,
  });
}

function resultOf(bucket: string, manifest: Manifest, pgDumpVersion: string, latestCopyKey?: string): BackupResult {
  const key = manifest.key;
  return {
    key,
    uri: `s3://${bucket}/${key}`,
    size: manifest.size,
    rawSize: manifest.rawSize,
    sha256: manifest.sha256,
    durationSeconds: manifest.durationSeconds,
    serverVersion: manifest.database.serverVersion,
    pgDumpVersion,
    manifestKey: manifestKey(key),
    checksumKey: checksumKey(key),
    latestCopyKey,
    manifest,
    retention: { tier: manifest.tier as Tier },
  };
}
