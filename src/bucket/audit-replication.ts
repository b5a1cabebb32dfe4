/**
 * bucket audit, replication: is the backup prefix replicated (a rule for it), and did S3 copy the newest backup
 * (its x-amz-replication-status)? No rule is "unknown", not a failure: a second copy is a choice.
 */
import type { ReplicationConfiguration, S3Client } from '@aws-sdk/client-s3';
import { backupsIn } from '../core/select.js';
import type { CommonOptions } from '../model/options.js';
import { headTier } from '../s3/archive.js';
import { listAll } from '../s3/objects.js';
import { getReplication } from '../s3/replication-config.js';
import { check } from './audit-checks.js';
import type { AuditCheck } from '../model/results.js';
import { describeRule, replicationStatusVerdict, ruleFor } from '../core/replication-rules.js';

export function replicationChecks(s3: S3Client, o: CommonOptions): Promise<AuditCheck>[] {
  const { bucket, prefix } = o.s3;
  const config: Promise<ReplicationConfiguration | undefined> = getReplication(s3, bucket);
  config.catch(() => undefined); // read by both checks; the first reports a refusal
  return [
    check('replication', async () => {
      const rule = ruleFor(await config, prefix);
      return rule
        ? ['ok', describeRule(rule)]
        : [
            'unknown',
            `no replication rule for ${prefix ? `${prefix}/` : 'the bucket'} (a second copy: bucket replicate)`,
          ];
    }),
    check('newest backup replicated', async () => {
      const configured = Boolean(ruleFor(await config.catch(() => undefined), prefix));
      const newest = backupsIn(await listAll(s3, bucket, prefix), { environment: o.environment, name: o.name }).find(
        (b) => b.prefix === prefix && b.hasChecksum,
      );
      if (!newest) return ['unknown', 'no backups under the prefix yet'];
      return replicationStatusVerdict(
        (await headTier(s3, bucket, newest.key)).replicationStatus,
        newest.key,
        configured,
      );
    }),
  ];
}
