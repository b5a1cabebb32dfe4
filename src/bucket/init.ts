/**
 * bucket init: a backup bucket set up in one idempotent command — the bucket (optionally with Object Lock),
 * versioning, default encryption, every public access block, and the lifecycle rules (merged with the bucket's
 * own). Every step runs and reports; the command fails at the end, naming each step the server refused.
 */
import type { Step } from '../model/results.js';
import type { RunContext } from '../model/context.js';
import { errorMessage, UserError } from '../core/errors.js';
import type { BucketInitOptions } from '../model/options.js';
import { clientFor } from '../s3/client.js';
import {
  bucketStep,
  encryptionStep,
  lifecycleStep,
  objectLockStep,
  publicAccessStep,
  versioningStep,
} from './init-steps.js';
import { replicate } from './replicate.js';
import { INIT_SETTINGS } from '../core/init-settings.js';

/** replicate-to: after versioning is on, the same rule bucket replicate writes; a refusal is a failed step. */
async function replicationStep(o: BucketInitOptions, ctx: Pick<RunContext, 'log' | 's3Client'>): Promise<Step> {
  try {
    return (await replicate({ ...o, ...o.replication! }, ctx)).step;
  } catch (err) {
    return { step: 'replication', status: 'failed', detail: errorMessage(err).slice(0, 300) };
  }
}

/** Runs every step in order; the report is the command's result, printed once at the end. */
export async function bucketInit(o: BucketInitOptions, ctx: Pick<RunContext, 'log' | 's3Client'>): Promise<Step[]> {
  const s3 = clientFor(ctx, o.s3);
  const bucket = o.s3.bucket;
  const { created, step } = await bucketStep(s3, o);
  const steps: Step[] = [step, await versioningStep(s3, bucket)];
  if (o.objectLock) steps.push(await objectLockStep(s3, bucket, created));
  steps.push(await encryptionStep(s3, bucket, o.sse, o.sseKmsKeyId));
  steps.push(await publicAccessStep(s3, bucket, o.s3.prefix));
  steps.push(await lifecycleStep(s3, o, ctx.log));
  if (o.replication) steps.push(await replicationStep(o, ctx));
  return steps;
}

const settingOf = (step: string) => Object.entries(INIT_SETTINGS).find(([, name]) => name === step)?.[0] ?? step;

/** A step the server refused or did not keep, and whether allow-unsupported accepts it (never an AccessDenied). */
function gaps(steps: Step[], allowed: string[]): Array<{ step: Step; accepted: boolean }> {
  return steps
    .filter((s) => s.status === 'failed' || s.status === 'ignored')
    .map((step) => ({ step, accepted: allowed.includes(step.step) && !step.detail.startsWith('AccessDenied') }));
}

/** One warning for each gap allow-unsupported accepts. */
export function acceptedGaps(steps: Step[], allowed: string[]): Array<{ message: string; title: string }> {
  return gaps(steps, allowed)
    .filter((g) => g.accepted)
    .map(({ step }) => ({
      title: 'bucket init',
      message: `bucket init: ${step.step} ${step.status === 'ignored' ? 'ignored by the server' : `refused (${step.detail.split(':')[0]})`}; accepted (allow-unsupported)`,
    }));
}

export function initFailure(steps: Step[], bucket: string, allowed: string[] = []): UserError | undefined {
  const bad = gaps(steps, allowed)
    .filter((g) => !g.accepted)
    .map((g) => g.step);
  if (!bad.length) return undefined;
  const ignored = bad.filter((s) => s.status === 'ignored').length;
  const it = bad.length === 1 ? 'it' : 'them';
  const why = !ignored
    ? `the server refused ${it}`
    : ignored === bad.length
      ? `the server answered OK but did not keep ${it}`
      : 'the server refused or did not keep them';
  const acceptable = bad.filter((s) => !s.detail.startsWith('AccessDenied')).map((s) => settingOf(s.step));
  const accept = acceptable.length
    ? `, or accept ${acceptable.length === 1 ? 'the gap' : 'the gaps'} with allow-unsupported: ${acceptable.join(',')}`
    : '';
  return new UserError(
    `bucket init: s3://${bucket} is set up except ${bad.map((s) => `${s.step} (${s.status === 'ignored' ? 'ignored' : s.detail.split(':')[0]})`).join(', ')}: ${why}; see the table above${accept}`,
  );
}
