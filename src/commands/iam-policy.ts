/** iam-policy: the least-privilege IAM policy for the backup or the restore role (and the GitHub OIDC trust policy). */
import { backupPolicy, githubTrustPolicy } from '../core/iam-policy.js';
import { parseIamPolicyOptions } from '../options/maintenance.js';
import { restorePolicy } from '../core/restore-policy.js';
import { outputsJson, type Command } from './command.js';

const block = (title: string, doc: unknown) => [`### ${title}`, '', '```json', JSON.stringify(doc, null, 2), '```'];

export const iamPolicyCommand: Command = {
  verb: 'iam-policy',
  async run(raw, ctx) {
    const o = parseIamPolicyOptions(raw, ctx.env);
    const policy = o.role === 'restore' ? restorePolicy(o) : backupPolicy(o);
    const trust = o.github ? githubTrustPolicy(o.github) : undefined;
    const outputs = { policy: JSON.stringify(policy), 'trust-policy': trust ? JSON.stringify(trust) : '' };
    return {
      outputs,
      summary: [
        ...block('Least-privilege policy', policy),
        ...(trust ? ['', ...block('GitHub OIDC trust policy', trust)] : []),
        '',
      ].join('\n'),
      text:
        JSON.stringify(policy, null, 2) +
        (trust ? `\n\n// trust policy of the role (GitHub OIDC)\n${JSON.stringify(trust, null, 2)}` : ''),
      json: outputsJson('iam-policy', outputs),
      report: 'policy written',
    };
  },
};
