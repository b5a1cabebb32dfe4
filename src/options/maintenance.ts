/**
 * Options of the verbs that keep the bucket (prune, lifecycle, bucket init/audit, iam-policy, cost):
 * the same inputs for the action and the CLI, parsed strictly like every other verb.
 */
import type { BucketInitOptions, LifecycleOptions } from '../model/options.js';
import type { IamPolicyOptions } from '../model/options.js';
import { withCopy } from './copy.js';
import { UserError } from '../core/errors.js';
import { POLICY_KEYS, policyFromValues } from '../core/retention/policy.js';
import type { RetentionPolicy } from '../model/retention.js';
import { parsePrices, type PriceTable } from '../core/retention/cost.js';
import { PROFILES, PROVIDERS } from '../core/providers.js';
import type { ProviderProfile } from '../model/retention.js';
import { common, value, type RawInputs } from './parse.js';
import type { CommonOptions } from '../model/options.js';
import { parseBool, parseEnum, parseInteger, parseList, parseSize } from './values.js';
import { INIT_SETTINGS, type InitSetting } from '../core/init-settings.js';
import { parseReplication } from './replication.js';
import type { ReplicateOptions } from '../model/options.js';
import { inputRef } from '../core/input-ref.js';

type Env = Record<string, string | undefined>;

function policy(raw: RawInputs, env: Env): RetentionPolicy {
  return policyFromValues(Object.fromEntries(POLICY_KEYS.map((k) => [k, value(raw, env, k)])));
}

export interface PruneOptions extends CommonOptions {
  policy: RetentionPolicy;
  dryRun: boolean;
}

export function parsePruneOptions(raw: RawInputs, env: Env = process.env): PruneOptions {
  return {
    ...withCopy(raw, env, common(raw, env)),
    policy: policy(raw, env),
    dryRun: parseBool('dry-run', value(raw, env, 'dry-run')),
  };
}

function lifecycleParts(raw: RawInputs, env: Env) {
  return {
    policy: policy(raw, env),
    transitions: parseBool('transitions', value(raw, env, 'transitions')),
    noncurrentDays: parseInteger('noncurrent-days', value(raw, env, 'noncurrent-days'), 1, 36_500),
  };
}

export function parseLifecycleOptions(raw: RawInputs, env: Env = process.env): LifecycleOptions {
  return {
    ...withCopy(raw, env, common(raw, env)),
    ...lifecycleParts(raw, env),
    apply: parseBool('apply', value(raw, env, 'apply')),
  };
}

export function parseBucketInitOptions(raw: RawInputs, env: Env = process.env): BucketInitOptions {
  const base = withCopy(raw, env, common(raw, env));
  const sseText = value(raw, env, 'sse');
  const sse = sseText ? parseEnum('sse', sseText, ['AES256', 'aws:kms'] as const) : 'AES256';
  const sseKmsKeyId = value(raw, env, 'sse-kms-key-id') || undefined;
  if (sseKmsKeyId && sse !== 'aws:kms')
    throw new UserError(`sse-kms-key-id is set but sse is not aws:kms: set ${inputRef('sse', 'aws:kms')}`);
  const objectLock = parseBool('object-lock', value(raw, env, 'object-lock'));
  if (objectLock && !base.s3.provider.objectLock)
    throw new UserError(`object-lock: provider ${base.s3.provider.name} has no S3 Object Lock`);
  const replication = parseReplication(base, raw, env);
  return {
    ...base,
    ...lifecycleParts(raw, env),
    objectLock,
    sse,
    sseKmsKeyId,
    allowUnsupported: parseAllowUnsupported(value(raw, env, 'allow-unsupported')),
    ...(replication ? { replication } : {}),
  };
}

export function parseReplicateOptions(raw: RawInputs, env: Env = process.env): ReplicateOptions {
  const base = common(raw, env);
  const replication = parseReplication(base, raw, env);
  if (!replication)
    throw new UserError('replicate-to is empty: give the destination bucket ARN (arn:aws:s3:::BUCKET) or name');
  return { ...base, ...replication };
}

export type BucketAuditOptions = CommonOptions;

export function parseBucketAuditOptions(raw: RawInputs, env: Env = process.env): BucketAuditOptions {
  return withCopy(raw, env, common(raw, env));
}

export function parseIamPolicyOptions(raw: RawInputs, env: Env = process.env): IamPolicyOptions {
  const base = common(raw, env);
  const principal = value(raw, env, 'principal') || undefined;
  if (principal && !/^(arn:[a-z-]+:iam::\d*:(role|user)\/\S+|\*)$/.test(principal)) {
    throw new UserError(
      `principal: "${principal}" is not an IAM role or user ARN (arn:aws:iam::123456789012:role/NAME)`,
    );
  }
  const repository = value(raw, env, 'github-repository');
  const branch = value(raw, env, 'github-branch') || undefined;
  const environment = value(raw, env, 'github-environment') || undefined;
  const awsAccountId = value(raw, env, 'aws-account-id');
  let github: IamPolicyOptions['github'];
  if (repository) {
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository))
      throw new UserError(`github-repository: "${repository}" is not owner/repo`);
    if (!/^\d{12}$/.test(awsAccountId))
      throw new UserError(
        'aws-account-id: the trust policy needs the 12-digit AWS account id that holds the GitHub OIDC provider',
      );
    if (branch && environment)
      throw new UserError(
        "github-branch and github-environment both set: a job's OIDC subject names one of them; choose one",
      );
    github = { repository, branch, environment, awsAccountId };
  } else if (branch || environment) {
    throw new UserError('github-branch / github-environment need github-repository (owner/repo)');
  }
  const role = parseEnum('role', value(raw, env, 'role'), ['backup', 'restore'] as const);
  const allowDelete = parseBool('allow-delete', value(raw, env, 'allow-delete'));
  if (role === 'restore' && allowDelete)
    throw new UserError('allow-delete: a restore role deletes nothing; leave it off with role: restore');
  return {
    bucket: base.s3.bucket,
    prefix: base.s3.prefix,
    role,
    allowDelete,
    principal,
    github,
  };
}

export interface CostOptions {
  sizeGB: number;
  compressionRatio: number;
  policy: RetentionPolicy;
  storageClass: string;
  prices: PriceTable;
  noncurrentDays: number;
  transitions: boolean;
  provider: ProviderProfile;
}

export function parseCostOptions(raw: RawInputs, env: Env = process.env): CostOptions {
  const sizeText = value(raw, env, 'size');
  if (!sizeText) throw new UserError('size is empty: give the database size, e.g. --size 100GB');
  // a bare number would be bytes: "100" priced as 100 bytes is $0.00, never what was meant
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(sizeText))
    throw new UserError(`size: "${sizeText}" has no unit; say which, e.g. ${sizeText.trim()}GB (or MB, TB, GiB …)`);
  const bytes = parseSize('size', sizeText);
  if (bytes <= 0) throw new UserError(`size: ${sizeText} is not a positive size`);
  const ratioText = value(raw, env, 'compression-ratio');
  const compressionRatio = Number(ratioText);
  if (!/^\d*\.?\d+$/.test(ratioText) || !(compressionRatio >= 1) || compressionRatio > 1000) {
    throw new UserError(
      `compression-ratio: "${ratioText}" is not a ratio of 1 or more (dump size ÷ stored size, e.g. 4)`,
    );
  }
  const provider = PROFILES[parseEnum('provider', value(raw, env, 'provider') || 'aws', PROVIDERS)];
  const prices = parsePrices('prices', value(raw, env, 'prices'));
  const storageClass = value(raw, env, 'storage-class').toUpperCase();
  if (!prices[storageClass])
    throw new UserError(
      `storage-class: no price for ${storageClass}; use one of ${Object.keys(prices).join(', ')} or add it with prices`,
    );
  return {
    sizeGB: bytes / 1e9,
    compressionRatio,
    storageClass,
    prices,
    ...lifecycleParts(raw, env),
    provider,
  };
}

function parseAllowUnsupported(text: string): string[] {
  const names = Object.keys(INIT_SETTINGS);
  return parseList(text).map((t) => {
    if (!names.includes(t))
      throw new UserError(`allow-unsupported: "${t}" is not a bucket init setting; use ${names.join(', ')}`);
    return INIT_SETTINGS[t as InitSetting];
  });
}
