/** Inputs of replication (bucket replicate, and bucket init with replicate-to). */
import type { ReplicateOptions } from '../model/options.js';
import { destinationArn } from '../core/replication-rules.js';
import { UserError } from '../core/errors.js';
import { value } from './input-value.js';
import type { CommonOptions } from '../model/options.js';
import type { RawInputs } from '../model/options.js';
import { parseBool, parseEnum } from './values.js';

type Env = Record<string, string | undefined>;

/** The classes S3 accepts for replicas (Destination.StorageClass). */
const REPLICA_CLASSES = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
] as const;

/** undefined when replicate-to is empty (bucket init without replication). */
export function parseReplication(
  base: CommonOptions,
  raw: RawInputs,
  env: Env,
): Omit<ReplicateOptions, keyof CommonOptions> | undefined {
  const to = value(raw, env, 'replicate-to');
  if (!to) return undefined;
  const role = value(raw, env, 'replication-role');
  if (!/^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\/[\w+=,.@/-]+$/.test(role)) {
    throw new UserError(
      role
        ? `replication-role: "${role}" is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)`
        : 'replication-role is empty: replication needs the IAM role S3 replicates with (arn:aws:iam::123456789012:role/NAME); bucket replicate prints its policy',
    );
  }
  const cls = value(raw, env, 'replica-storage-class').toUpperCase();
  return {
    target: {
      destinationArn: destinationArn('replicate-to', to),
      role,
      storageClass: cls ? parseEnum('replica-storage-class', cls, REPLICA_CLASSES) : undefined,
      timeControl: parseBool('replication-time-control', value(raw, env, 'replication-time-control')),
    },
    destinationRegion: value(raw, env, 'replicate-to-region') || base.s3.region,
  };
}
