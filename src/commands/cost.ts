/** cost: the monthly storage cost of a retention policy, with lifecycle rules by tier and with prune. */
import { parseCostOptions } from '../options/storage.js';
import { copiesCount, estimate, oneRuleForAll } from '../retention/cost.js';
import { describePolicy } from '../retention/policy.js';
import { costTable, costText } from '../reporting/retention.js';
import { outputsJson, type Command } from './command.js';

export const costCommand: Command = {
  verb: 'cost',
  description: 'estimate the monthly storage cost of a retention policy',
  async run(raw, ctx) {
    const o = parseCostOptions(raw, ctx.env);
    const stored = o.sizeGB / o.compressionRatio;
    const ours = estimate({
      sizeGB: stored,
      policy: o.policy,
      storageClass: o.storageClass,
      prices: o.prices,
      noncurrentDays: o.noncurrentDays,
      transitions: o.transitions,
      archive: o.provider.archive,
    });
    const all = [ours.lifecycle, ours.prune];
    const comparison = [copiesCount(o.sizeGB, o.prices), oneRuleForAll(o.sizeGB, o.prices)];
    const head =
      `${o.sizeGB.toFixed(0)} GB database${o.compressionRatio > 1 ? ` stored at ${stored.toFixed(1)} GB (ratio ${o.compressionRatio})` : ''}, ` +
      `one backup a day, ${describePolicy(o.policy)}, ${o.storageClass}, noncurrent versions kept ${o.noncurrentDays} days`;
    const outputs = {
      'monthly-usd': ours.lifecycle.totalUsd.toFixed(2),
      'prune-monthly-usd': ours.prune.totalUsd.toFixed(2),
      report: JSON.stringify({ ours: all, comparison }),
    };
    return {
      outputs,
      summary: ['### Storage cost estimate', '', head, '', costTable([...all, ...comparison]), ''].join('\n'),
      text: [
        head,
        '',
        costText(all),
        '',
        'for comparison, the uncompressed size under common rules of thumb:',
        costText(comparison),
        '',
        'prices: Amazon S3 us-east-1 list prices per GB-month, storage only; override with --prices CLASS=price',
      ].join('\n'),
      json: { ...outputsJson('cost', outputs), input: { ...o, provider: o.provider.name }, estimates: all, comparison },
      report: `estimated $${outputs['monthly-usd']} a month`,
    };
  },
};
