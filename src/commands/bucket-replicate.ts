/** bucket replicate: replicate the backup prefix to another bucket (region or account), and the role it needs. */
import { replicate } from '../bucket/replicate.js';
import { REPLICATION_TRUST_POLICY, replicationRolePolicy } from '../core/replication-rules.js';
import { parseReplicateOptions } from '../options/maintenance.js';
import { outputsJson, type Command } from './command.js';

const block = (title: string, doc: unknown) => [`### ${title}`, '', '```json', JSON.stringify(doc, null, 2), '```'];

export const bucketReplicateCommand: Command = {
  verb: 'bucket-replicate',
  async run(raw, ctx) {
    const o = parseReplicateOptions(raw, ctx.env);
    // the role's policies are printed even when S3 refuses the rule (the role may not exist yet)
    let failure: Error | undefined;
    const done = await replicate(o, ctx).catch((err: Error) => {
      failure = err;
      return undefined;
    });
    const rolePolicy = replicationRolePolicy({
      bucket: o.s3.bucket,
      prefix: o.s3.prefix,
      destinationArn: o.target.destinationArn,
    });
    const outputs = {
      configuration: done ? JSON.stringify(done.merged.config) : '',
      changed: String(done?.merged.changed ?? false),
      'role-policy': JSON.stringify(rolePolicy),
      'trust-policy': JSON.stringify(REPLICATION_TRUST_POLICY),
    };
    const where = `s3://${o.s3.bucket}/${o.s3.prefix ? `${o.s3.prefix}/` : ''}`;
    const line = done
      ? `replication of ${where} ${done.step.status === 'done' ? 'written' : 'already in place'}: ${done.step.detail}`
      : `replication of ${where} not written (see the error below); the role it needs:`;
    return {
      outputs,
      summary: [
        line,
        '',
        ...block(`Permissions of ${o.target.role}`, rolePolicy),
        '',
        ...block('Its trust policy', REPLICATION_TRUST_POLICY),
        '',
      ].join('\n'),
      text: [
        line,
        '',
        `// permissions policy of the replication role ${o.target.role}`,
        JSON.stringify(rolePolicy, null, 2),
        '',
        '// trust policy of the replication role (S3 assumes it)',
        JSON.stringify(REPLICATION_TRUST_POLICY, null, 2),
      ].join('\n'),
      json: outputsJson('bucket-replicate', outputs),
      report: line,
      failure,
    };
  },
};
