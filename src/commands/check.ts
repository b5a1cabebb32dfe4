/** check: fail unless the newest good backup (object + .sha256 + .meta) is younger than max-age. */
import { assertFresh, checkFreshness, formatAge } from '../check.js';
import { parseCheckOptions } from '../options/check.js';
import { checkJson, checkOutputs, checkSummary } from '../reporting/summaries.js';
import { outputsJson, type Command } from './command.js';

export const checkCommand: Command = {
  verb: 'check',
  description: 'fail unless the newest good backup (object + .sha256 + .meta) is younger than --max-age',
  async run(raw, ctx) {
    const options = parseCheckOptions(raw, ctx.env);
    const result = await checkFreshness(options, ctx);
    const n = result.newest;
    const outputs = checkOutputs(result);
    let failure: Error | undefined;
    try {
      assertFresh(result, options);
    } catch (err) {
      failure = err as Error;
    }
    return {
      // outputs first, pass or fail: a failed gate still tells the next steps what it found
      outputs,
      summary: checkSummary(result),
      text: n
        ? `${result.fresh ? 'fresh' : 'STALE'}: ${n.uri} taken ${n.backupTime} (${formatAge(n.ageSeconds)} ago, max-age ${formatAge(result.maxAgeSeconds)})`
        : 'STALE: no good backup',
      json: { ...outputsJson('check', outputs), ...checkJson(result) },
      report: n
        ? `newest good backup ${n.key} is ${formatAge(n.ageSeconds)} old (max-age ${formatAge(result.maxAgeSeconds)})${result.fresh ? '' : ': stale'}`
        : 'no good backup',
      failure,
    };
  },
};
