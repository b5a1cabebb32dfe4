/**
 * bucket init, one function per step. Each step returns its report row and never throws (a refused request is a
 * "failed" row); the bucket step alone throws, since nothing else can work without the bucket.
 */
import { PutObjectCommand, type LifecycleRule, type S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../model/context.js';
import { errorMessage } from '../core/errors.js';
import { joinKey } from '../core/naming.js';
import type { BucketInitOptions } from '../model/options.js';
import { lifecycleRules, mergeRules } from '../core/retention/lifecycle-rules.js';
import {
  ALL_BLOCKED,
  enableObjectLock,
  enableVersioning,
  ensureBucket,
  getEncryption,
  getLifecycle,
  getObjectLockEnabled,
  getPublicAccessBlock,
  getVersioning,
  md5Base64,
  putEncryption,
  putLifecycle,
  putPublicAccessBlock,
} from '../s3/bucket.js';
import { describeS3Error, s3ErrorCode } from '../s3/describe-error.js';
import { deleteKeys } from '../s3/objects.js';
import type { Step } from '../model/results.js';

type Blocks = typeof ALL_BLOCKED;
type Encryption = { algorithm: string; kmsKeyId?: string };

const failed = (step: string, err: unknown): Step => ({
  step,
  status: 'failed',
  detail: `${s3ErrorCode(err) ?? 'Error'}: ${errorMessage(err) || 'refused'}`.slice(0, 300),
});

/** Is the bucket's default encryption the one asked for? */
export const encryptionWanted = (e: Encryption | undefined, sse: string, kmsKeyId?: string) =>
  e?.algorithm === sse && (!kmsKeyId || e.kmsKeyId === kmsKeyId);

/** What reads back wrong in the public access block, or undefined when every setting in `set` is on. */
export function blocksOff(set: Blocks, now: Partial<Blocks> | undefined): string | undefined {
  const off = (Object.keys(set) as Array<keyof Blocks>).filter((k) => set[k] && !now?.[k]);
  return off.length ? `it reads back with ${off.join(', ')} off` : undefined;
}

/** What reads back wrong in the lifecycle rules, or undefined when all of ours are there. */
export function rulesMissing(ours: LifecycleRule[], now: LifecycleRule[]): string | undefined {
  const missing = ours.filter((r) => !now.some((x) => x.ID === r.ID && x.Status === r.Status));
  return missing.length ? `${missing.length} of its ${ours.length} rules are missing when read back` : undefined;
}

/**
 * A setting the server accepted, read back: some S3-compatible servers answer 200 to a PUT they do not implement and
 * keep nothing. `problem` says what reads back wrong (undefined: as set); a refused read leaves the step as done.
 */
async function readBack(done: Step, problem: () => Promise<string | undefined>): Promise<Step> {
  try {
    const wrong = await problem();
    return wrong
      ? {
          step: done.step,
          status: 'ignored',
          detail: `the server answered OK, but ${wrong}: it does not keep this setting`,
        }
      : done;
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

/** 1. the bucket; throws, since nothing else can work without it. */
export async function bucketStep(s3: S3Client, o: BucketInitOptions): Promise<{ created: boolean; step: Step }> {
  let state: 'created' | 'exists';
  try {
    state = await ensureBucket(s3, o.s3.bucket, o.s3.region, o.objectLock);
  } catch (err) {
    throw describeS3Error(err, { bucket: o.s3.bucket, endpoint: o.s3.endpoint, action: 'creating' });
  }
  const created = state === 'created';
  return {
    created,
    step: {
      step: 'bucket',
      status: created ? 'done' : 'already',
      detail: created ? `created in ${o.s3.region}${o.objectLock ? ' with Object Lock' : ''}` : 'exists and is yours',
    },
  };
}

/** 2. versioning (Object Lock needs it too). */
export async function versioningStep(s3: S3Client, bucket: string): Promise<Step> {
  try {
    if ((await getVersioning(s3, bucket)) === 'Enabled')
      return { step: 'versioning', status: 'already', detail: 'enabled' };
    await enableVersioning(s3, bucket);
    return await readBack({ step: 'versioning', status: 'done', detail: 'enabled' }, async () => {
      const now = await getVersioning(s3, bucket);
      return now === 'Enabled' ? undefined : `versioning reads back as ${now ?? 'never enabled'}`;
    });
  } catch (err) {
    return failed('versioning', err);
  }
}

/** 3. Object Lock on an existing bucket (AWS allows it since 2023; most other servers only at creation). */
export async function objectLockStep(s3: S3Client, bucket: string, created: boolean): Promise<Step> {
  try {
    if (await getObjectLockEnabled(s3, bucket))
      return { step: 'Object Lock', status: created ? 'done' : 'already', detail: 'enabled' };
    await enableObjectLock(s3, bucket);
    return await readBack(
      { step: 'Object Lock', status: 'done', detail: 'enabled on the existing bucket' },
      async () => ((await getObjectLockEnabled(s3, bucket)) ? undefined : 'Object Lock reads back as not enabled'),
    );
  } catch (err) {
    return failed('Object Lock', err);
  }
}

/** 4. default encryption. */
export async function encryptionStep(
  s3: S3Client,
  bucket: string,
  sse: BucketInitOptions['sse'],
  kmsKeyId?: string,
): Promise<Step> {
  try {
    const current = await getEncryption(s3, bucket).catch(() => undefined);
    if (current && encryptionWanted(current, sse, kmsKeyId))
      return { step: 'default encryption', status: 'already', detail: current.algorithm };
    await putEncryption(s3, bucket, sse, kmsKeyId);
    return await readBack(
      { step: 'default encryption', status: 'done', detail: `${sse}${kmsKeyId ? ` (${kmsKeyId})` : ''}` },
      async () => {
        const now = await getEncryption(s3, bucket);
        return encryptionWanted(now, sse, kmsKeyId)
          ? undefined
          : now
            ? `default encryption reads back as ${now.algorithm}`
            : 'the bucket reads back with no default encryption';
      },
    );
  } catch (err) {
    return failed('default encryption', err);
  }
}

/** 5. public access, all four blocks — unless the server then refuses every upload. */
export async function publicAccessStep(s3: S3Client, bucket: string, prefix: string): Promise<Step> {
  try {
    await putPublicAccessBlock(s3, bucket, ALL_BLOCKED);
    const probe = joinKey(prefix, '.s3-backup-init-probe');
    const kept = (set: Blocks) => async () => blocksOff(set, await getPublicAccessBlock(s3, bucket));
    if (await canUpload(s3, bucket, probe)) {
      return await readBack(
        { step: 'public access block', status: 'done', detail: 'all four settings on' },
        kept(ALL_BLOCKED),
      );
    }
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
    return ok ? await readBack(step, kept(three)) : step;
  } catch (err) {
    return failed('public access block', err);
  }
}

/** 6. lifecycle rules, merged with the bucket's own. */
export async function lifecycleStep(s3: S3Client, o: BucketInitOptions, log: Logger): Promise<Step> {
  const { bucket, prefix, provider } = o.s3;
  if (provider.lifecycle === 'none') {
    return {
      step: 'lifecycle',
      status: 'skipped',
      detail: `provider ${provider.name} has no S3 lifecycle API: use retention (prune)`,
    };
  }
  try {
    const ours = lifecycleRules({
      prefix,
      policy: o.policy,
      provider,
      transitions: o.transitions,
      noncurrentDays: o.noncurrentDays,
    });
    const merged = mergeRules(await getLifecycle(s3, bucket), ours, prefix);
    await putLifecycle(s3, bucket, merged.rules);
    const step = await readBack(
      {
        step: 'lifecycle',
        status: 'done',
        detail: `${ours.length} rules for ${prefix}/ (${merged.kept.length} other rules kept)`,
      },
      async () => rulesMissing(ours, await getLifecycle(s3, bucket)),
    );
    if (merged.overlapping.length)
      log.warning(
        `lifecycle rules not written by s3-backup also act on ${prefix}/: ${merged.overlapping.join(', ')}; they may expire or archive backups before the tier rules would`,
      );
    return step;
  } catch (err) {
    return failed('lifecycle', err);
  }
}
