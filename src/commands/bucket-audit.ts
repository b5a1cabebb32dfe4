/** bucket audit: the bucket against the security checklist — ✓ / ✗ / unknown. */
import { audit } from '../bucket/audit.js';
import { auditText } from '../reporting/bucket-audit.js';
import { UserError } from '../core/errors.js';
import { parseBucketAuditOptions } from '../options/maintenance.js';
import { auditSummary } from '../reporting/maintenance.js';
import { outputsJson, type Command } from './command.js';

export const bucketAuditCommand: Command = {
  verb: 'bucket-audit',
  async run(raw, ctx) {
    const o = parseBucketAuditOptions(raw, ctx.env);
    const checks = await audit(o, ctx);
    const count = (s: string) => String(checks.filter((c) => c.status === s).length);
    const failed = checks.filter((c) => c.status === 'fail');
    const outputs = {
      passed: count('ok'),
      failed: count('fail'),
      unknown: count('unknown'),
      report: JSON.stringify(checks),
    };
    return {
      outputs,
      summary: auditSummary(checks, o.s3.bucket),
      text: auditText(checks),
      json: outputsJson('bucket-audit', outputs),
      report: `bucket audit: ${outputs.passed} passed, ${outputs.failed} failed, ${outputs.unknown} unknown`,
      failure: failed.length
        ? new UserError(
            `bucket audit: ${failed.length} of ${checks.length} checks failed (${failed.map((c) => c.check).join(', ')}); see the table above`,
          )
        : undefined,
    };
  },
};
