/** plan: the databases of a server shared among the jobs of a matrix, and the set they will make. */
import { planSet } from '../backup/set-plan.js';
import { formatBytes } from '../core/format.js';
import { parsePlanOptions } from '../options/set-plan.js';
import { planSummary } from '../reporting/set-plan.js';
import { outputsJson, type Command } from './command.js';

export const planCommand: Command = {
  verb: 'plan',
  async run(raw, ctx) {
    const r = await planSet(parsePlanOptions(raw, ctx.env), ctx);
    const outputs = { matrix: JSON.stringify(r.matrix), 'set-id': r.plan.id, 'set-key': r.plan.key };
    const total = r.plan.groups.reduce((sum, g) => sum + g.size, 0);
    return {
      outputs,
      summary: planSummary(r.plan),
      text: `${r.plan.id}\n${JSON.stringify(r.matrix)}`,
      json: { ...outputsJson('plan', outputs), plan: r.plan },
      report: `planned set ${r.plan.id}: ${r.plan.groups.length} jobs, ${formatBytes(total)}`,
    };
  },
};
