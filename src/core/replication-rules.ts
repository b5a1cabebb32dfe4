/**
 * Replication of the backup prefix to a bucket in another region or account (pure): our rule, merged into the
 * bucket's replication configuration (other rules kept, ours replaced by its ID), the permissions of the role S3
 * replicates with, and the audit's verdicts.
 */
import type { ReplicationTarget } from '../model/options.js';
import type { ReplicationConfiguration, ReplicationRule } from '@aws-sdk/client-s3';
import { UserError } from './errors.js';

const REPLICATION_RULE_PREFIX = 's3-backup:';
const replicationRuleId = (prefix: string) => `${REPLICATION_RULE_PREFIX}${prefix}:replicate`;
const keyPrefix = (prefix: string) => (prefix ? `${prefix}/` : '');

/** A bucket ARN from an ARN or a bare bucket name. */
export function destinationArn(input: string, text: string): string {
  const t = text.trim();
  const m = /^arn:(aws|aws-cn|aws-us-gov):s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/.exec(t);
  if (m) return t;
  if (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(t)) return `arn:aws:s3:::${t}`;
  throw new UserError(`${input}: "${text}" is not a bucket ARN (arn:aws:s3:::BUCKET) or a bucket name`);
}

export const bucketOfArn = (arn: string) => arn.split(':::')[1]!;

/** Our rule: the backup prefix, delete markers not replicated (a delete at the source never reaches the copy). */
export function replicationRule(prefix: string, t: ReplicationTarget, priority: number): ReplicationRule {
  return {
    ID: replicationRuleId(prefix),
    Priority: priority,
    Status: 'Enabled',
    Filter: { Prefix: keyPrefix(prefix) },
    DeleteMarkerReplication: { Status: 'Disabled' },
    Destination: {
      Bucket: t.destinationArn,
      ...(t.storageClass
        ? { StorageClass: t.storageClass as NonNullable<ReplicationRule['Destination']>['StorageClass'] }
        : {}),
      ...(t.timeControl
        ? {
            ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
            Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
          }
        : {}),
    },
  };
}

export interface Merged {
  config: ReplicationConfiguration;
  /** false: the bucket already holds exactly this (nothing to write). */
  changed: boolean;
  /** Rules of others kept as they were. */
  kept: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));
/** Key order and absent-vs-undefined do not matter when comparing what S3 returns with what we would write. */
function normal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, normal(x)]),
    );
  return v;
}

/**
 * Ours replaced by ID, every other rule kept. A bucket has one replication role: another role with other rules
 * in place is refused (changing it would change how their rules replicate).
 */
export function mergeReplication(
  existing: ReplicationConfiguration | undefined,
  prefix: string,
  t: ReplicationTarget,
): Merged {
  const rules = existing?.Rules ?? [];
  const id = replicationRuleId(prefix);
  const others = rules.filter((r) => r.ID !== id);
  const ours = rules.find((r) => r.ID === id);
  if (existing?.Role && existing.Role !== t.role && others.length) {
    throw new UserError(
      `replication-role: the bucket already replicates with role ${existing.Role} (${others.length} other rule${others.length === 1 ? '' : 's'}); a bucket has one replication role: pass that role`,
    );
  }
  const taken = new Set(others.map((r) => r.Priority ?? 0));
  let priority = ours?.Priority ?? Math.max(0, ...others.map((r) => r.Priority ?? 0)) + 1;
  while (taken.has(priority)) priority++;
  const rule = replicationRule(prefix, t, priority);
  const config: ReplicationConfiguration = { Role: t.role, Rules: [...others, rule] };
  const changed = !(existing?.Role === t.role && ours && same(ours, rule));
  return { config, changed, kept: others.length };
}

/** Does an enabled rule replicate the backup prefix? The rule, or undefined. */
export function ruleFor(config: ReplicationConfiguration | undefined, prefix: string): ReplicationRule | undefined {
  const covers = (r: ReplicationRule) => {
    const p = r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? (r as { Prefix?: string }).Prefix ?? '';
    return r.Status === 'Enabled' && keyPrefix(prefix).startsWith(p) && !r.Filter?.Tag && !r.Filter?.And?.Tags?.length;
  };
  const rules = config?.Rules ?? [];
  return rules.find((r) => r.ID === replicationRuleId(prefix) && r.Status === 'Enabled') ?? rules.find(covers);
}

export function describeRule(r: ReplicationRule): string {
  const d = r.Destination;
  return [
    `to ${d?.Bucket ?? '?'}`,
    d?.StorageClass ? `as ${d.StorageClass}` : undefined,
    d?.ReplicationTime?.Status === 'Enabled' ? 'RTC 15 min' : undefined,
    r.DeleteMarkerReplication?.Status === 'Enabled' ? 'delete markers replicated' : undefined,
    `("${r.ID ?? '(no id)'}")`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The newest backup's replication status, as the audit reads it. */
export function replicationStatusVerdict(
  status: string | undefined,
  key: string,
  configured: boolean,
): ['ok' | 'fail' | 'unknown', string] {
  switch ((status ?? '').toUpperCase()) {
    case 'COMPLETED':
      return ['ok', `${key}: COMPLETED`];
    case 'REPLICA':
      return ['ok', `${key}: REPLICA (this bucket holds the replicas)`];
    case 'PENDING':
      return ['unknown', `${key}: PENDING (being replicated)`];
    case 'FAILED':
      return ['fail', `${key}: FAILED (check the role's permissions and the destination's versioning)`];
    default:
      return configured
        ? ['fail', `${key}: no replication status (written before the rule, or the rule does not cover it)`]
        : ['unknown', `${key}: not replicated (no replication rule)`];
  }
}

/** The permissions of the role S3 replicates with, and its trust policy (s3.amazonaws.com assumes it). */
export function replicationRolePolicy(o: { bucket: string; prefix: string; destinationArn: string }) {
  const source = `arn:aws:s3:::${o.bucket}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadTheReplicationConfiguration',
        Effect: 'Allow',
        Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        Resource: [source],
      },
      {
        Sid: 'ReadSourceVersionsUnderThePrefix',
        Effect: 'Allow',
        Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        Resource: [`${source}/${keyPrefix(o.prefix)}*`],
      },
      {
        Sid: 'WriteReplicasUnderThePrefix',
        Effect: 'Allow',
        Action: ['s3:ReplicateObject', 's3:ReplicateTags'],
        Resource: [`${o.destinationArn}/${keyPrefix(o.prefix)}*`],
      },
    ],
  };
}

export const REPLICATION_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'S3Replicates',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
};
