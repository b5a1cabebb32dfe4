/**
 * check: is there a good backup younger than max-age? "Good" means all three parts exist and agree: the object,
 * its .sha256 sidecar and its .meta manifest (same key, same SHA-256, same size as the listing). Reads metadata
 * only — proving the bytes is verify's job. Catches scheduled backups that stopped running (GitHub disables
 * scheduled workflows after 60 days without repository activity) when run from a deploy or push workflow.
 */
import type { CheckResult, GoodBackup } from '../model/results.js';
import type { RunContext } from '../model/context.js';
import { errorMessage, UserError } from '../core/errors.js';
import { formatAge } from '../core/format.js';
import { listBackups } from '../store/listing.js';
import { parseManifest } from '../core/manifest.js';
import type { Manifest } from '../model/manifest.js';
import { basename, checksumKey, manifestKey, parseBackupKey, parseChecksumLine } from '../core/naming.js';
import { parseCheckOptions, type CheckOptions } from '../options/check.js';
import { clientFor } from '../s3/client.js';
import { describeS3Error } from '../s3/describe-error.js';
import { getText } from '../s3/objects.js';
import { headTier } from '../s3/archive.js';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BackupEntry } from '../model/objects.js';
import { checkJson, checkOutputs, checkSummary } from '../reporting/summaries.js';
import { databasesToCheck } from '../core/check-scope.js';
import { GLOBALS_NAME } from '../core/set-format.js';
import { checkDatabases } from './check-databases.js';
import { databasesReport, databasesStaleMessage, databasesText } from '../reporting/check-databases.js';
import { outputsJson, type Command } from './command.js';
import { assertDrilled } from './check-drill.js';

/** Sidecar fetches at most: a prefix full of broken backups must not turn a gate into a crawl. */
const MAX_READS = 10;

export type Verdict = { ok: true; sha256: string; manifest: Manifest } | { ok: false; reason: string };

/** Whether an object with these sidecars is a good backup (pure). */
export function judgeBackup(
  entry: Pick<BackupEntry, 'key' | 'size' | 'hasChecksum' | 'hasManifest' | 'parts'>,
  sidecarText?: string,
  manifestText?: string,
): Verdict {
  if (!entry.hasChecksum) return { ok: false, reason: 'no .sha256 sidecar' };
  if (!entry.hasManifest) return { ok: false, reason: 'no .meta manifest' };
  const sum = sidecarText === undefined ? undefined : parseChecksumLine(sidecarText);
  if (!sum) return { ok: false, reason: 'the .sha256 sidecar is not in sha256sum format' };
  if (sum.file !== basename(entry.key)) return { ok: false, reason: `the .sha256 sidecar names ${sum.file}` };
  let manifest: Manifest;
  try {
    manifest = parseManifest(manifestText ?? '');
  } catch (err) {
    return { ok: false, reason: `the .meta manifest is unreadable (${errorMessage(err)})` };
  }
  if (manifest.key !== entry.key) return { ok: false, reason: `the .meta manifest describes ${manifest.key}` };
  if (manifest.sha256 !== sum.sha256)
    return { ok: false, reason: 'the .meta manifest and the .sha256 sidecar disagree on the SHA-256' };
  if (manifest.size !== entry.size)
    return { ok: false, reason: `the object holds ${entry.size} bytes, the manifest says ${manifest.size}` };
  // a multi-stream backup: every data part the manifest names is there, with its size
  for (const part of manifest.parts ?? []) {
    const listed = entry.parts?.find((x) => x.key === part.key);
    if (!listed) return { ok: false, reason: `its data part ${basename(part.key)} is missing` };
    if (listed.size !== part.size)
      return {
        ok: false,
        reason: `its data part ${basename(part.key)} holds ${listed.size} bytes, the manifest says ${part.size}`,
      };
  }
  return { ok: true, sha256: sum.sha256, manifest };
}

/** What `check` reports of the newest good backup; its age from the manifest's start, else the key's time. */
function goodBackup(o: CheckOptions, entry: BackupEntry, v: Extract<Verdict, { ok: true }>, now: Date): GoodBackup {
  const taken = Date.parse(v.manifest.startedAt);
  const backupTime = new Date(Number.isNaN(taken) ? entry.at.getTime() : taken);
  return {
    key: entry.key,
    uri: `s3://${o.s3.bucket}/${entry.key}`,
    backupTime: backupTime.toISOString(),
    ageSeconds: Math.max(0, Math.round((now.getTime() - backupTime.getTime()) / 1000)),
    sha256: v.sha256,
    size: entry.size + (entry.parts ?? []).reduce((n, p) => n + p.size, 0),
    rawSize: v.manifest.rawSize ?? null,
    database: v.manifest.database?.name ?? '',
  };
}

/** The newest good backup among these entries (newest first), and the newer ones that are not good. */
async function newestGood(
  o: CheckOptions,
  s3: S3Client,
  entries: BackupEntry[],
  now: Date,
): Promise<{ newest?: GoodBackup; skipped: CheckResult['skipped'] }> {
  const skipped: CheckResult['skipped'] = [];
  let reads = 0;
  for (const entry of entries) {
    if (!entry.hasChecksum || !entry.hasManifest) {
      skipped.push({ key: entry.key, reason: entry.hasChecksum ? 'no .meta manifest' : 'no .sha256 sidecar' });
      continue;
    }
    if (reads === MAX_READS) {
      skipped.push({ key: entry.key, reason: `not read: the ${MAX_READS} newer backups with sidecars were all bad` });
      break;
    }
    reads++;
    const [sidecar, manifestText] = await Promise.all([
      getText(s3, o.s3.bucket, checksumKey(entry.key)),
      getText(s3, o.s3.bucket, manifestKey(entry.key)),
    ]).catch((err) => {
      throw describeS3Error(err, { bucket: o.s3.bucket, key: entry.key, endpoint: o.s3.endpoint, action: 'reading' });
    });
    const v = judgeBackup(entry, sidecar, manifestText);
    if (!v.ok) {
      skipped.push({ key: entry.key, reason: v.reason });
      continue;
    }
    return { newest: goodBackup(o, entry, v, now), skipped };
  }
  return { skipped };
}

async function checkFreshness(o: CheckOptions, ctx: RunContext): Promise<CheckResult> {
  const s3 = clientFor(ctx, o.s3);
  const now = ctx.now();
  const listing = await listBackups(o, s3, { withSets: !o.name });
  const names = databasesToCheck(o, listing.backups, listing.sets?.sets);
  if (names) {
    const judge = {
      newestGood: (entries: BackupEntry[]) => newestGood(o, s3, entries, now),
      replicationOf: (key: string) => replicationOf(o, s3, key),
    };
    const result = await checkDatabases(o, judge, { names, backups: listing.backups, now });
    logSkipped(ctx, result.skipped);
    return result;
  }
  const globals = `${GLOBALS_NAME}_${o.environment}`;
  const { newest, skipped } = await newestGood(
    o,
    s3,
    listing.backups.filter((b) => b.stem !== globals),
    now,
  );
  logSkipped(ctx, skipped);
  const fresh = newest !== undefined && newest.ageSeconds <= o.maxAgeSeconds;
  // the verdict is the result line (stdout), not repeated in the log
  const replicationStatus = o.requireReplicated && newest ? await replicationOf(o, s3, newest.key) : undefined;
  return {
    ...(replicationStatus ? { replicationStatus } : {}),
    fresh,
    maxAgeSeconds: o.maxAgeSeconds,
    checkedAt: now.toISOString(),
    bucket: o.s3.bucket,
    prefix: o.s3.prefix,
    newest,
    skipped,
    stale: fresh ? [] : staleName(o, newest),
  };
}

/** The name a stale single-database check is about: the one asked for, else the one in the newest backup's key. */
function staleName(o: CheckOptions, newest?: GoodBackup): string[] {
  const stem = newest ? parseBackupKey(newest.key)?.stem : undefined;
  const name = o.name ?? stem?.slice(0, -(o.environment.length + 1));
  return name ? [name] : [];
}

function logSkipped(ctx: RunContext, skipped: CheckResult['skipped']): void {
  for (const s of skipped.slice(0, 5)) ctx.log.warning(`check: skipping ${s.key}: ${s.reason}`);
  if (skipped.length > 5) ctx.log.warning(`check: skipping ${skipped.length - 5} more newer backups that are not good`);
}

async function replicationOf(o: CheckOptions, s3: S3Client, key: string): Promise<string> {
  try {
    return (await headTier(s3, o.s3.bucket, key)).replicationStatus ?? 'none';
  } catch (err) {
    throw describeS3Error(err, { bucket: o.s3.bucket, key, endpoint: o.s3.endpoint, action: 'reading' });
  }
}

/** require-replicated: the newest good backup's copy (each database's, when several) must exist in the destination. */
function assertReplicated(r: CheckResult, o: CheckOptions): void {
  if (!o.requireReplicated) return;
  const judged = (r.databases ?? [{ newest: r.newest, replicationStatus: r.replicationStatus }]).flatMap((d) =>
    d.newest ? [{ key: d.newest.key, status: d.replicationStatus ?? 'none' }] : [],
  );
  const bad = judged.find((j) => j.status !== 'COMPLETED' && j.status !== 'REPLICA');
  if (!bad) return;
  const why: Record<string, string> = {
    PENDING: 'S3 is still copying it (PENDING)',
    FAILED: "S3 could not copy it (FAILED): check the replication role's permissions and the destination's versioning",
    none: 'it has no replication status: no replication rule covers the prefix (bucket replicate), or the backup was written before it',
  };
  throw new UserError(
    `require-replicated: the newest good backup ${bad.key} is not replicated: ${why[bad.status] ?? bad.status}`,
  );
}

/** The one line a failed gate prints. */
export function staleMessage(r: CheckResult, environment: string): string {
  const where = `s3://${r.bucket}/${r.prefix ? `${r.prefix}/` : ''}`;
  if (r.databases) return databasesStaleMessage(r, where);
  if (!r.newest) {
    return `no good backup (object + .sha256 + .meta) under ${where} for environment "${environment}": run a backup, and check that the backup workflow is enabled`;
  }
  return (
    `the newest good backup ${r.newest.key} is ${formatAge(r.newest.ageSeconds)} old, more than max-age ${formatAge(r.maxAgeSeconds)}: ` +
    'check that the scheduled backup workflow still runs (GitHub disables schedules after 60 days without repository activity)'
  );
}

function assertFresh(r: CheckResult, o: CheckOptions): void {
  if (!r.fresh && o.failOnStale) throw new UserError(staleMessage(r, o.environment));
}

export const checkCommand: Command = {
  verb: 'check',
  async run(raw, ctx) {
    const options = parseCheckOptions(raw, ctx.env);
    const result = await checkFreshness(options, ctx);
    const n = result.newest;
    const outputs = checkOutputs(result);
    let failure: Error | undefined;
    try {
      assertFresh(result, options);
      assertReplicated(result, options);
      await assertDrilled(options, ctx, result);
    } catch (err) {
      failure = err as Error;
    }
    return {
      // outputs first, pass or fail: a failed gate still tells the next steps what it found
      outputs,
      summary: checkSummary(result),
      text: result.databases
        ? databasesText(result)
        : n
          ? `${result.fresh ? 'fresh' : 'STALE'}: ${n.uri} taken ${n.backupTime} (${formatAge(n.ageSeconds)} ago, max-age ${formatAge(result.maxAgeSeconds)})${result.replicationStatus ? `, replication ${result.replicationStatus}` : ''}`
          : 'STALE: no good backup',
      json: { ...outputsJson('check', outputs), ...checkJson(result) },
      report: result.databases
        ? databasesReport(result)
        : n
          ? `newest good backup ${n.key} is ${formatAge(n.ageSeconds)} old (max-age ${formatAge(result.maxAgeSeconds)})${result.fresh ? '' : ': stale'}`
          : 'no good backup',
      failure,
    };
  },
};
