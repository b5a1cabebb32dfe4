/**
 * bucket audit: the seed guide's security checklist, read from the bucket. Each check is ✓, ✗ or unknown; a setting
 * the credentials may not read (AccessDenied) or the server does not implement is "unknown", never a crash.
 */
import type { LifecycleRule, S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../context.js';
import { parseManifest } from '../manifest.js';
import { checksumKey, joinKey, manifestKey, parseChecksumLine } from '../naming.js';
import type { CommonOptions } from '../options/parse.js';
import { ruleId } from '../retention/lifecycle.js';
import { TIERS } from '../retention/policy.js';
import { getEncryption, getLifecycle, getObjectLockEnabled, getPublicAccessBlock, getVersioning, ALL_BLOCKED } from '../s3/bucket.js';
import { createS3Client } from '../s3/client.js';
import { s3ErrorCode } from '../s3/errors.js';
import { getText, listAll, putText } from '../s3/objects.js';
import { backupsIn } from '../select.js';
import { cell } from '../reporting/markdown.js';
import { UserError } from '../errors.js';

export type Status = 'ok' | 'fail' | 'unknown';
export const MARK: Record<Status, string> = { ok: '✓', fail: '✗', unknown: 'unknown' };

export interface Check {
  check: string;
  status: Status;
  detail: string;
}

/** Where a restore drill (validate) records its last result, for the audit. */
export const drillRecordKey = (prefix: string) => joinKey(prefix, 'last-drill.json');

export interface DrillRecord {
  schema: 's3-backup/drill';
  status: 'passed' | 'failed';
  key: string;
  sha256: string;
  finishedAt: string;
  mismatches: number;
  restoredMajor: number;
}

/** Written by validate after every drill (a failure to write it is a warning, never a failed drill). */
export async function recordDrill(s3: S3Client, bucket: string, prefix: string, record: Omit<DrillRecord, 'schema'>): Promise<void> {
  await putText(s3, { Bucket: bucket, Key: drillRecordKey(prefix), ContentType: 'application/json' }, JSON.stringify({ schema: 's3-backup/drill', ...record }, null, 2) + '\n');
}
const RECENT = 7;
const DRILL_MAX_AGE_DAYS = 35;

function unknownFrom(err: unknown): Check['detail'] {
  const code = s3ErrorCode(err) ?? 'Error';
  if (code === 'AccessDenied' || code === 'Forbidden') return 'AccessDenied: these credentials may not read it';
  if (code === 'NotImplemented' || code === 'InvalidArgument' || code === 'InvalidRequest') return `${code}: this server does not implement it`;
  return `${code}: ${(err as Error).message}`;
}

async function check(name: string, fn: () => Promise<[Status, string]>): Promise<Check> {
  try {
    const [status, detail] = await fn();
    return { check: name, status, detail };
  } catch (err) {
    return { check: name, status: 'unknown', detail: unknownFrom(err) };
  }
}

const covers = (r: LifecycleRule, prefix: string) => {
  const p = r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? (r as { Prefix?: string }).Prefix ?? '';
  return r.Status === 'Enabled' && `${prefix}/`.startsWith(p);
};

export async function audit(o: CommonOptions, ctx: Pick<RunContext, 'now' | 's3Client'>, client?: S3Client): Promise<Check[]> {
  const s3 = client ?? (ctx.s3Client ?? createS3Client)(o.s3);
  const bucket = o.s3.bucket;
  const prefix = o.s3.prefix;
  let rules: LifecycleRule[] | undefined;
  let rulesError: unknown;
  try {
    rules = await getLifecycle(s3, bucket);
  } catch (err) {
    rulesError = err;
  }
  const fromRules = (fn: (r: LifecycleRule[]) => [Status, string]) => async (): Promise<[Status, string]> => {
    if (rulesError) throw rulesError;
    return fn(rules!);
  };

  const checks = await Promise.all([
    check('default encryption', async () => {
      const enc = await getEncryption(s3, bucket);
      return enc ? ['ok', `${enc.algorithm}${enc.kmsKeyId ? ` (${enc.kmsKeyId})` : ''}`] : ['fail', 'no default encryption rule'];
    }),
    check('versioning', async () => {
      const v = await getVersioning(s3, bucket);
      return v === 'Enabled' ? ['ok', 'enabled'] : ['fail', v ? `versioning is ${v}` : 'never enabled'];
    }),
    check('public access blocked', async () => {
      const pab = await getPublicAccessBlock(s3, bucket);
      const off = (Object.keys(ALL_BLOCKED) as Array<keyof typeof ALL_BLOCKED>).filter((k) => !pab?.[k]);
      return off.length ? ['fail', `not set: ${off.join(', ')}`] : ['ok', 'all four settings on'];
    }),
    check('lifecycle expiration', fromRules((r) => {
      const ours = TIERS.map((t) => r.find((x) => x.ID === ruleId(prefix, t) && x.Status === 'Enabled')).filter(Boolean) as LifecycleRule[];
      if (ours.length) return ['ok', `tier rules: ${ours.map((x) => `${x.ID!.split(':').pop()} ${x.Expiration?.Days} d`).join(', ')}`];
      const other = r.find((x) => covers(x, prefix) && (x.Expiration?.Days || x.Expiration?.Date));
      return other ? ['ok', `rule "${other.ID ?? '(no id)'}" expires objects after ${other.Expiration?.Days ?? other.Expiration?.Date} days`] : ['fail', `no rule expires backups under ${prefix}/ (run lifecycle --apply, or use retention)`];
    })),
    check('abort incomplete uploads', fromRules((r) => {
      const rule = r.find((x) => covers(x, prefix) && x.AbortIncompleteMultipartUpload?.DaysAfterInitiation);
      return rule ? ['ok', `after ${rule.AbortIncompleteMultipartUpload!.DaysAfterInitiation} days ("${rule.ID}")`] : ['fail', 'unfinished multipart uploads are kept (and billed) forever'];
    })),
    check('Object Lock', async () => ((await getObjectLockEnabled(s3, bucket)) ? ['ok', 'enabled'] : ['fail', 'not enabled (backups can be deleted by anyone with DeleteObject)'])),
    check('recent checksums', async () => {
      const objects = await listAll(s3, bucket, prefix);
      const recent = backupsIn(objects, { environment: o.environment, name: o.name }).filter((b) => b.prefix === prefix).slice(0, RECENT);
      if (!recent.length) return ['unknown', 'no backups under the prefix yet'];
      const bad: string[] = [];
      for (const b of recent) {
        const [sum, meta] = await Promise.all([getText(s3, bucket, checksumKey(b.key)), getText(s3, bucket, manifestKey(b.key))]);
        const line = sum ? parseChecksumLine(sum) : undefined;
        if (!line) { bad.push(`${b.key}: no checksum sidecar`); continue; }
        if (!meta) continue;
        try {
          const m = parseManifest(meta);
          if (m.sha256 !== line.sha256) bad.push(`${b.key}: sidecar and manifest disagree`);
          else if (m.size !== b.size) bad.push(`${b.key}: ${b.size} bytes stored, the manifest says ${m.size}`);
        } catch {
          bad.push(`${b.key}: unreadable manifest`);
        }
      }
      return bad.length ? ['fail', bad.join('; ')] : ['ok', `${recent.length} newest: checksum sidecar, manifest and stored size agree`];
    }),
    check('last restore drill', async () => {
      const text = await getText(s3, bucket, drillRecordKey(prefix));
      if (!text) return ['unknown', `no drill recorded yet (validate writes ${drillRecordKey(prefix)})`];
      const d = JSON.parse(text) as Partial<DrillRecord>;
      const age = d.finishedAt ? (ctx.now().getTime() - Date.parse(d.finishedAt)) / 86_400_000 : Infinity;
      if (d.status !== 'passed') return ['fail', `the last drill (${d.finishedAt ?? '?'}) failed: ${d.mismatches ?? '?'} mismatches`];
      return age <= DRILL_MAX_AGE_DAYS ? ['ok', `${d.finishedAt} restored ${d.key ?? ''}`.trim()] : ['fail', `the last drill is ${Math.floor(age)} days old`];
    }),
  ]);
  // a bucket that is not there is no checklist of unknowns: a typo must not pass the audit
  if (checks.some((c) => c.detail.startsWith('NoSuchBucket'))) {
    throw new UserError(`bucket: "${bucket}" does not exist (NoSuchBucket): fix the bucket input, or create it with bucket init`);
  }
  return checks;
}

export function auditTable(checks: Check[]): string {
  return ['| check | | detail |', '|---|---|---|', ...checks.map((c) => `| ${c.check} | ${MARK[c.status]} | ${cell(c.detail)} |`)].join('\n');
}

export function auditText(checks: Check[]): string {
  const w = Math.max(...checks.map((c) => c.check.length));
  return checks.map((c) => `${MARK[c.status].padEnd(7)} ${c.check.padEnd(w)}  ${c.detail}`).join('\n');
}
