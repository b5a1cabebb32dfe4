/** prune: apply the retention policy — delete expired backups with their sidecars (--dry-run prints the plan). */
import { parsePruneOptions } from '../options/maintenance.js';
import { prune, pruneText } from '../retention/prune.js';
import { pruneOutputs, pruneSummary } from '../reporting/maintenance.js';
import { outputsJson, type Command } from './command.js';

export const pruneCommand: Command = {
  verb: 'prune',
  async run(raw, ctx) {
    const o = parsePruneOptions(raw, ctx.env);
    const r = await prune(o, ctx);
    const outputs = pruneOutputs(r);
    return {
      outputs,
      summary: pruneSummary(r, `s3://${o.s3.bucket}/${o.s3.prefix}/`),
      text: pruneText(r),
      json: { ...outputsJson('prune', outputs), dryRun: r.dryRun, orphans: r.orphans, staleClaims: r.claims },
      report: r.dryRun
        ? `prune dry run: ${r.plan.length - r.kept} would be deleted`
        : `pruned: kept ${r.kept}, deleted ${r.deleted}`,
    };
  },
};
