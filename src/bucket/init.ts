/**
 * bucket init: the seed guide's steps 1–3 in one idempotent command — the bucket (optionally with Object Lock),
 * versioning, default encryption, every public access block, and the lifecycle rules (merged with the bucket's
 * own). Every step runs and reports; the command fails at the end, naming each step the server refused.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../context.js';
import { UserError } from '../errors.js';
import { joinKey } from '../naming.js';
import type { BucketInitOptions } from '../options/admin.js';
import { lifecycleRules, mergeRules } from '../retention/lifecycle.js';
import {
  ALL_BLOCKED, enableObjectLock, enableVersioning, ensureBucket, getEncryption, getLifecycle, getObjectLockEnabled,
  getPublicAccessBlock, getVersioning, md5Base64, putEncryption, putLifecycle, putPublicAccessBlock,
} from '../s3/bucket.js';
import { createS3Client } from '../s3/client.js';
import { describeS3Error, s3ErrorCode } from '../s3/errors.js';
import { deleteKeys } from '../s3/objects.js';

export interface Step {
  step: string;
  /** ignored: the server answered OK but reads the setting back unchanged (it does not implement it). */
  status: 'done' | 'already' | 'partial' | 'failed' | 'ignored' | 'skipped';
  detail: string;
}

const failed = (step: string, err: unknown): Step => ({
  step, status: 'failed', detail: `${s3ErrorCode(err) ?? 'Error'}: ${(err as Error).message || 'refused'}`.slice(0, 300),
});

/**
 * A setting the server accepted, read back: some S3-compatible servers answer 200 to a PUT they do not implement and
 * keep nothing. `problem` says what reads back wrong (undefined: as set); a refused read leaves the step as done.
 */
async function readBack(done: Step, problem: () => Promise<string | undefined>): Promise<Step> {
  try {
    const wrong = await problem();
    return wrong ? { step: done.step, status: 'ignored', detail: `the server answered OK, but ${wrong}: it does not keep this setting` } : done;
  } catch (err) {
    return { ...done, detail: `${done.detail} (not read back: ${s3ErrorCode(err) ?? 'Error'})` };
  }
}

/** Can the credentials still upload? (Ceph RGW 16 refuses every PutObject while BlockPublicAcls is set.) */
async function canUpload(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  const body = Buffer.from('s3-backup bucket init probe\n');
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentMD5: md5Base64(body) }));
  } catch (err) {
    if (s3ErrorCode(err) === 'AccessDenied') return false;
    throw err;
  }
  await deleteKeys(s3, bucket, [key]);
  return true;
}

export async function bucketInit(o: BucketInitOptions, ctx: Pick<RunContext, 'log' | 's3Client'>): Promise<Step[]> {
  const s3 = (ctx.s3Client ?? createS3Client)(o.s3);
  const bucket = o.s3.bucket;
  const steps: Step[] = [];
  // the report is the command's result, printed once at the end
  const log = (s: Step) => steps.push(s);

  // 1. the bucket; nothing else can work without it
  let state: 'created' | 'exists';
  try {
    state = await ensureBucket(s3, bucket, o.s3.region, o.objectLock);
  } catch (err) {
    throw describeS3Error(err, { bucket, endpoint: o.s3.endpoint, action: 'creating' });
  }
  log({ step: 'bucket', status: state === 'created' ? 'done' : 'already', detail: state === 'created' ? `created in ${o.s3.region}${o.objectLock ? ' with Object Lock' : ''}` : 'exists and is yours' });

  // 2. versioning (Object Lock needs it too)
  try {
    if ((await getVersioning(s3, bucket)) === 'Enabled') log({ step: 'versioning', status: 'already', detail: 'enabled' });
    else {
      await enableVersioning(s3, bucket);
      log(await readBack({ step: 'versioning', status: 'done', detail: 'enabled' }, async () => {
        const now = await getVersioning(s3, bucket);
        return now === 'Enabled' ? undefined : `versioning reads back as ${now ?? 'never enabled'}`;
      }));
    }
  } catch (err) {
    log(failed('versioning', err));
  }

  // 3. Object Lock on an existing bucket (AWS allows it since 2023; most other servers only at creation)
  if (o.objectLock) {
    try {
      if (await getObjectLockEnabled(s3, bucket)) log({ step: 'Object Lock', status: state === 'created' ? 'done' : 'already', detail: 'enabled' });
      else {
        await enableObjectLock(s3, bucket);
        log(await readBack({ step: 'Object Lock', status: 'done', detail: 'enabled on the existing bucket' }, async () =>
          (await getObjectLockEnabled(s3, bucket)) ? undefined : 'Object Lock reads back as not enabled'));
      }
    } catch (err) {
      log(failed('Object Lock', err));
    }
  }

  // 4. default encryption
  try {
    const wanted = (e: { algorithm: string; kmsKeyId?: string } | undefined) => e?.algorithm === o.sse && (!o.sseKmsKeyId || e.kmsKeyId === o.sseKmsKeyId);
    const current = await getEncryption(s3, bucket).catch(() => undefined);
    if (wanted(current)) {
      log({ step: 'default encryption', status: 'already', detail: current!.algorithm });
    } else {
      await putEncryption(s3, bucket, o.sse, o.sseKmsKeyId);
      log(await readBack({ step: 'default encryption', status: 'done', detail: `${o.sse}${o.sseKmsKeyId ? ` (${o.sseKmsKeyId})` : ''}` }, async () => {
        const now = await getEncryption(s3, bucket);
        return wanted(now) ? undefined : now ? `default encryption reads back as ${now.algorithm}` : 'the bucket reads back with no default encryption';
      }));
    }
  } catch (err) {
    log(failed('default encryption', err));
  }

  // 5. public access, all four blocks — unless the server then refuses every upload
  try {
    await putPublicAccessBlock(s3, bucket, ALL_BLOCKED);
    const probe = joinKey(o.s3.prefix, '.s3-backup-init-probe');
    const kept = (set: typeof ALL_BLOCKED) => async () => {
      const now = await getPublicAccessBlock(s3, bucket);
      const off = (Object.keys(set) as Array<keyof typeof set>).filter((k) => set[k] && !now?.[k]);
      return off.length ? `it reads back with ${off.join(', ')} off` : undefined;
    };
    if (await canUpload(s3, bucket, probe)) {
      log(await readBack({ step: 'public access block', status: 'done', detail: 'all four settings on' }, kept(ALL_BLOCKED)));
    } else {
      const three = { ...ALL_BLOCKED, BlockPublicAcls: false };
      await putPublicAccessBlock(s3, bucket, three);
      const ok = await canUpload(s3, bucket, probe);
      const step: Step = {
        step: 'public access block',
        status: ok ? 'partial' : 'failed',
        detail: ok
          ? 'this server refuses every upload while BlockPublicAcls is set (Ceph RGW 16 does): left it off; IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets are on, so no ACL or policy can make an object public'
          : 'uploads are refused even with BlockPublicAcls off: check the credentials',
      };
      log(ok ? await readBack(step, kept(three)) : step);
    }
  } catch (err) {
    log(failed('public access block', err));
  }

  // 6. lifecycle rules, merged
  if (o.s3.provider.lifecycle === 'none') {
    log({ step: 'lifecycle', status: 'skipped', detail: `provider ${o.s3.provider.name} has no S3 lifecycle API: use retention (prune)` });
  } else {
    try {
      const ours = lifecycleRules({ prefix: o.s3.prefix, policy: o.policy, provider: o.s3.provider, transitions: o.transitions, noncurrentDays: o.noncurrentDays });
      const merged = mergeRules(await getLifecycle(s3, bucket), ours, o.s3.prefix);
      await putLifecycle(s3, bucket, merged.rules);
      log(await readBack({ step: 'lifecycle', status: 'done', detail: `${ours.length} rules for ${o.s3.prefix}/ (${merged.kept.length} other rules kept)` }, async () => {
        const now = await getLifecycle(s3, bucket);
        const missing = ours.filter((r) => !now.some((x) => x.ID === r.ID && x.Status === r.Status));
        return missing.length ? `${missing.length} of its ${ours.length} rules are missing when read back` : undefined;
      }));
      if (merged.overlapping.length) ctx.log.warning(`lifecycle rules not written by s3-backup also act on ${o.s3.prefix}/: ${merged.overlapping.join(', ')}; they may expire or archive backups before the tier rules would`);
    } catch (err) {
      log(failed('lifecycle', err));
    }
  }
  return steps;
}

export function initFailure(steps: Step[], bucket: string): UserError | undefined {
  const bad = steps.filter((s) => s.status === 'failed' || s.status === 'ignored');
  if (!bad.length) return undefined;
  const ignored = bad.filter((s) => s.status === 'ignored').length;
  const it = bad.length === 1 ? 'it' : 'them';
  const why = !ignored ? `the server refused ${it}` : ignored === bad.length ? `the server answered OK but did not keep ${it}` : 'the server refused or did not keep them';
  return new UserError(`bucket init: s3://${bucket} is set up except ${bad.map((s) => `${s.step} (${s.status === 'ignored' ? 'ignored' : s.detail.split(':')[0]})`).join(', ')}: ${why}; see the table above`);
}
