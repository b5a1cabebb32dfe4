/**
 * bucket audit, one function per check. A check that throws becomes "unknown" with the reason (`check`); the
 * verdicts on what was read are pure functions of it.
 */
import type { LifecycleRule, S3Client } from '@aws-sdk/client-s3';
import { errorMessage } from '../core/errors.js';
import { parseManifest } from '../core/manifest.js';
import { checksumKey, manifestKey, parseChecksumLine } from '../core/naming.js';
import type { CommonOptions } from '../model/options.js';
import { ruleId } from '../core/retention/lifecycle-rules.js';
import { TIERS } from '../core/retention/policy.js';
import {
  ALL_BLOCKED,
  getEncryption,
  getLifecycle,
  getObjectLockEnabled,
  getPublicAccessBlock,
  getVersioning,
} from '../s3/bucket.js';
import { s3ErrorCode } from '../s3/describe-error.js';
import { getText, listAll } from '../s3/objects.js';
import { backupsIn } from '../core/select.js';
import type { AuditCheck, Status } from '../model/results.js';
import { auditDrillVerdict } from '../core/drill-proof.js';
import { readDrills } from '../store/drills.js';
import { readPartsProblem } from './audit-parts.js';

type Verdict = [Status, string];

const RECENT = 7;

function unknownFrom(err: unknown): AuditCheck['detail'] {
  const code = s3ErrorCode(err) ?? 'Error';
  if (code === 'AccessDenied' || code === 'Forbidden') return 'AccessDenied: these credentials may not read it';
  if (code === 'NotImplemented' || code === 'InvalidArgument' || code === 'InvalidRequest')
    return `${code}: this server does not implement it`;
  return `${code}: ${errorMessage(err)}`;
}

export async function check(name: string, fn: () => Promise<Verdict>): Promise<AuditCheck> {
  try {
    const [status, detail] = await fn();
    return { check: name, status, detail };
  } catch (err) {
    return { check: name, status: 'unknown', detail: unknownFrom(err) };
  }
}

/** Default encryption, versioning, the public access block and Object Lock, in the report's order around lifecycle. */
export function settingsChecks(
  s3: S3Client,
  bucket: string,
): { before: Promise<AuditCheck>[]; objectLock: Promise<AuditCheck> } {
  return {
    before: [
      check('default encryption', async () => {
        const enc = await getEncryption(s3, bucket);
        return enc
          ? ['ok', `${enc.algorithm}${enc.kmsKeyId ? ` (${enc.kmsKeyId})` : ''}`]
          : ['fail', 'no default encryption rule'];
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
    ],
    objectLock: check('Object Lock', async () =>
      (await getObjectLockEnabled(s3, bucket))
        ? ['ok', 'enabled']
        : ['fail', 'not enabled (backups can be deleted by anyone with DeleteObject)'],
    ),
  };
}

const covers = (r: LifecycleRule, prefix: string) => {
  const p = r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? (r as { Prefix?: string }).Prefix ?? '';
  return r.Status === 'Enabled' && `${prefix}/`.startsWith(p);
};

/** Do the bucket's lifecycle rules expire backups under the prefix? */
export function expirationVerdict(r: LifecycleRule[], prefix: string): Verdict {
  const ours = TIERS.map((t) => r.find((x) => x.ID === ruleId(prefix, t) && x.Status === 'Enabled')).filter(
    Boolean,
  ) as LifecycleRule[];
  if (ours.length)
    return ['ok', `tier rules: ${ours.map((x) => `${x.ID!.split(':').pop()} ${x.Expiration?.Days} d`).join(', ')}`];
  const other = r.find((x) => covers(x, prefix) && (x.Expiration?.Days || x.Expiration?.Date));
  return other
    ? [
        'ok',
        `rule "${other.ID ?? '(no id)'}" expires objects after ${other.Expiration?.Days ?? other.Expiration?.Date} days`,
      ]
    : ['fail', `no rule expires backups under ${prefix}/ (run lifecycle --apply, or use retention)`];
}

/** Do the bucket's lifecycle rules abort unfinished multipart uploads under the prefix? */
export function abortVerdict(r: LifecycleRule[], prefix: string): Verdict {
  const rule = r.find((x) => covers(x, prefix) && x.AbortIncompleteMultipartUpload?.DaysAfterInitiation);
  return rule
    ? ['ok', `after ${rule.AbortIncompleteMultipartUpload!.DaysAfterInitiation} days ("${rule.ID}")`]
    : ['fail', 'unfinished multipart uploads are kept (and billed) forever'];
}

/** The two lifecycle checks, on one read of the rules (a refused read makes both unknown). */
export async function lifecycleChecks(s3: S3Client, bucket: string, prefix: string): Promise<Promise<AuditCheck>[]> {
  let rules: LifecycleRule[] | undefined;
  let rulesError: unknown;
  try {
    rules = await getLifecycle(s3, bucket);
  } catch (err) {
    rulesError = err;
  }
  const fromRules = (fn: (r: LifecycleRule[], prefix: string) => Verdict) => async (): Promise<Verdict> => {
    if (rulesError) throw rulesError;
    return fn(rules!, prefix);
  };
  return [
    check('lifecycle expiration', fromRules(expirationVerdict)),
    check('abort incomplete uploads', fromRules(abortVerdict)),
  ];
}

/** What is wrong with one stored backup's checksum sidecar and manifest (undefined: they agree). */
export function backupProblem(
  b: { key: string; size: number },
  sum: string | undefined,
  meta: string | undefined,
): string | undefined {
  const line = sum ? parseChecksumLine(sum) : undefined;
  if (!line) return `${b.key}: no checksum sidecar`;
  if (!meta) return undefined;
  try {
    const m = parseManifest(meta);
    if (m.sha256 !== line.sha256) return `${b.key}: sidecar and manifest disagree`;
    if (m.size !== b.size) return `${b.key}: ${b.size} bytes stored, the manifest says ${m.size}`;
  } catch {
    return `${b.key}: unreadable manifest`;
  }
  return undefined;
}

export function checksumsCheck(s3: S3Client, o: CommonOptions): Promise<AuditCheck> {
  const { bucket, prefix } = o.s3;
  return check('recent checksums', async () => {
    const objects = await listAll(s3, bucket, prefix);
    const recent = backupsIn(objects, { environment: o.environment, name: o.name })
      .filter((b) => b.prefix === prefix)
      .slice(0, RECENT);
    if (!recent.length) return ['unknown', 'no backups under the prefix yet'];
    const bad: string[] = [];
    for (const b of recent) {
      const [sum, meta] = await Promise.all([
        getText(s3, bucket, checksumKey(b.key)),
        getText(s3, bucket, manifestKey(b.key)),
      ]);
      const problem = backupProblem(b, sum, meta) ?? (await readPartsProblem(s3, bucket, b, meta));
      if (problem) bad.push(problem);
    }
    return bad.length
      ? ['fail', bad.join('; ')]
      : ['ok', `${recent.length} newest: checksum sidecar, manifest and stored size agree`];
  });
}

/** The drill proof of the databases under the prefix, from the drill records (core/drill-proof.ts). */
export function drillCheck(s3: S3Client, o: CommonOptions, now: () => Date): Promise<AuditCheck> {
  return check('last restore drill', async () => {
    const [objects, drills] = await Promise.all([
      listAll(s3, o.s3.bucket, o.s3.prefix),
      readDrills(s3, o.s3.bucket, o.s3.prefix, { limit: 200 }),
    ]);
    const backups = backupsIn(objects, { environment: o.environment }).filter((b) => b.prefix === o.s3.prefix);
    return auditDrillVerdict(
      backups,
      drills.map((d) => d.record),
      now(),
    );
  });
}
