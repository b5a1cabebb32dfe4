/** lifecycle: print (or --apply) the S3 lifecycle rules that expire backups by their tier tag. */
import { parseLifecycleOptions } from '../options/maintenance.js';
import { lifecycleCommand as lifecycleRules } from '../retention/lifecycle-apply.js';
import { rulesJson } from '../reporting/maintenance.js';
import { outputsJson, type Command } from './command.js';

export const lifecycleCommand: Command = {
  verb: 'lifecycle',
  async run(raw, ctx) {
    const o = parseLifecycleOptions(raw, ctx.env);
    const r = await lifecycleRules(o, ctx);
    const json = rulesJson(r.rules);
    const outputs = { rules: JSON.stringify({ Rules: r.rules }), applied: String(r.applied) };
    return {
      outputs,
      summary: [
        `### Lifecycle rules ${r.applied ? 'applied to' : 'for'} s3://${o.s3.bucket}/${o.s3.prefix}/`,
        '',
        '```json',
        json,
        '```',
        '',
      ].join('\n'),
      text: json,
      json: {
        ...outputsJson('lifecycle', outputs),
        ...(r.merged ? { added: r.merged.added, replaced: r.merged.replaced, kept: r.merged.kept } : {}),
      },
      report: r.applied ? `lifecycle rules applied to s3://${o.s3.bucket}` : 'lifecycle rules printed',
    };
  },
};
