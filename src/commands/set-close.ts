/** set close: the set made by several jobs, written once every planned member is checked. */
import { closeSet } from '../backup/set-close.js';
import { parseSetCloseOptions } from '../options/set-plan.js';
import { setOutputs, setSummary, setText } from '../reporting/set-results.js';
import { outputsJson, type Command } from './command.js';

export const setCloseCommand: Command = {
  verb: 'set-close',
  async run(raw, ctx) {
    const r = await closeSet(parseSetCloseOptions(raw, ctx.env), ctx);
    const outputs = setOutputs(r);
    return {
      outputs,
      summary: setSummary(r),
      text: setText(r),
      json: { ...outputsJson('set-close', outputs), set: r.set },
      report: `closed set ${r.set.key}: ${r.set.members.length} members${r.set.failed.length ? `, failed: ${r.set.failed.join(', ')}` : ''}`,
      failure: r.failure,
    };
  },
};
