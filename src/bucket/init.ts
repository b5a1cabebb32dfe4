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
  getVersioning, md5Base64, putEncryption, putLifecycle, putPublicAccessBlock,
} from '../s3/bucket.js';
import { createS3Client } from '../s3/client.js';
import { describeS3Error, s3ErrorCode } from '../s3/errors.js';
import { deleteKeys } from '../s3/objects.js';

export interface Step {
  step: string;
  status: 'done' | 'already' | 'partial' | 'failed' | 'skipped';
  detail: string;
}

const failed = (step: string, err: unknown): Step => ({
  step, status: 'failed', detail: `${s3ErrorCode(err) ?? 'Error'}: ${(err as Error).message || 'refused'}`.slice(0, 300),
});

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
      log({ step: 'versioning', status: 'done', detail: 'enabled' });
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
        log({ step: 'Object Lock', status: 'done', detail: 'enabled on the existing bucket' });
      }
    } catch (err) {
      log(failed('Object Lock', err));
    }
  }

  // 4. default encryption
  try {
    const current = await getEncryption(s3, bucket).catch(() => undefined);
    if (current?.algorithm === o.sse && (!o.sseKmsKeyId || current.kmsKeyId === o.sseKmsKeyId)) {
      log({ step: 'default encryption', status: 'already', detail: current.algorithm });
    } else {
      await putEncryption(s3, bucket, o.sse, o.sseKmsKeyId);
      log({ step: 'default encryption', status: 'done', detail: `${o.sse}${o.sseKmsKeyId ? ` (${o.sseKmsKeyId})` : ''}` });
    }
  } catch (err) {
    log(failed('default encryption', err));
  }

  // 5. public access, all four blocks — unless the server then refuses every upload
  try {
    await putPublicAccessBlock(s3, bucket, ALL_BLOCKED);
    const probe = joinKey(o.s3.prefix, '.s3-backup-init-probe');
    if (await canUpload(s3, bucket, probe)) log({ step: 'public access block', status: 'done', detail: 'all four settings on' });
    else {
      await putPublicAccessBlock(s3, bucket, { ...ALL_BLOCKED, BlockPublicAcls: false });
      const ok = await canUpload(s3, bucket, probe);
      log({
        step: 'public access block',
        status: ok ? 'partial' : 'failed',
        detail: ok
          ? 'this server refuses every upload while BlockPublicAcls is set (Ceph RGW 16 does): left it off; IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets are on, so no ACL or policy can make an object public'
          : 'uploads are refused even with BlockPublicAcls off: check the credentials',
      });
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
      log({ step: 'lifecycle', status: 'done', detail: `${ours.length} rules for ${o.s3.prefix}/ (${merged.kept.length} other rules kept)` });
      if (merged.overlapping.length) ctx.log.warning(`lifecycle rules not written by s3-backup also act on ${o.s3.prefix}/: ${merged.overlapping.join(', ')}; they may expire or archive backups before the tier rules would`);
    } catch (err) {
      log(failed('lifecycle', err));
    }
  }
  return steps;
}

export function initFailure(steps: Step[], bucket: string): UserError | undefined {
  const bad = steps.filter((s) => s.status === 'failed');
  if (!bad.length) return undefined;
  return new UserError(`bucket init: s3://${bucket} is set up except ${bad.map((s) => `${s.step} (${s.detail.split(':')[0]})`).join(', ')}: the server refused ${bad.length === 1 ? 'it' : 'them'}; see the table above`);
}
