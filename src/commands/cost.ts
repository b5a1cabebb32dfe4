/** cost: the monthly storage cost of a retention policy: the cheapest plan per tier, and the alternatives. */
import { parseCostOptions } from '../options/maintenance.js';
import { costPlan } from '../core/retention/cost-plan.js';
import { copiesCount, oneRuleForAll } from '../core/retention/cost.js';
import { describePolicy } from '../core/retention/policy.js';
import { costPlanText, planTable } from '../reporting/cost-report.js';
import { costTable } from '../reporting/maintenance.js';
import { outputsJson, type Command } from './command.js';

export const costCommand: Command = {
  verb: 'cost',
  async run(raw, ctx) {
    const o = parseCostOptions(raw, ctx.env);
    const stored = o.sizeGB / o.compressionRatio;
    const r = costPlan({
      sizeGB: stored,
      policy: o.policy,
      storageClass: o.storageClass,
      prices: o.prices,
      noncurrentDays: o.noncurrentDays,
      transitions: o.transitions,
      archive: o.provider.archive,
      storageClasses: o.provider.storageClasses,
      lifecycle: o.provider.lifecycle,
    });
    const all = [r.chosen, r.prune];
    const comparison = [copiesCount(o.sizeGB, o.prices), oneRuleForAll(o.sizeGB, o.prices)];
    const head =
      `${o.sizeGB.toFixed(0)} GB database${o.compressionRatio > 1 ? ` stored at ${stored.toFixed(1)} GB (ratio ${o.compressionRatio})` : ''}, ` +
      `one backup a day, ${describePolicy(o.policy)}, uploaded in ${o.storageClass}, noncurrent versions kept ${o.noncurrentDays} days`;
    const outputs = {
      'monthly-usd': r.chosen.totalUsd.toFixed(2),
      'prune-monthly-usd': r.prune.totalUsd.toFixed(2),
      report: JSON.stringify({ ours: all, plan: r.plan, alternatives: r.alternatives, comparison }),
    };
    return {
      outputs,
      summary: [
        '### Storage cost estimate',
        '',
        head,
        '',
        planTable(r.plan),
        '',
        costTable([r.chosen, ...r.alternatives, ...comparison]),
        '',
      ].join('\n'),
      text: costPlanText(head, r, comparison),
      json: {
        ...outputsJson('cost', outputs),
        input: { ...o, provider: o.provider.name },
        plan: r.plan,
        estimates: all,
        alternatives: r.alternatives,
        comparison,
      },
      report: `estimated $${outputs['monthly-usd']} a month`,
    };
  },
};
