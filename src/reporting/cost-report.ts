/** The cost verb's plan per tier and its alternatives, as CLI text and a job-summary table (pure builders). */
import type { CostPlan, TierCost } from '../core/retention/cost-plan.js';
import { costText } from './maintenance.js';
import { usd } from '../core/retention/cost.js';
import type { CostEstimate } from '../model/retention.js';

const moves = (t: TierCost) => t.transitions.map((x) => `${x.storageClass} at ${x.days} d`).join(', ') || '–';
const kept = (t: TierCost) => `${t.expireDays} d + ${t.noncurrentDays} d noncurrent`;
const money = (t: TierCost) =>
  `${usd(t.usd)}${t.minimumUsd >= 0.005 ? ` (incl. ${usd(t.minimumUsd)} minimum-duration charges)` : ''}`;
const made = (plan: TierCost[]) => plan.filter((t) => t.backupsPerYear > 0);

/** Which tiers are readable without a thaw, said in one line. */
function thawLine(plan: TierCost[]): string {
  const late = made(plan).filter((t) => t.thawFreeDays < t.expireDays);
  const free = made(plan)
    .filter((t) => t.thawFreeDays >= t.expireDays)
    .map((t) => t.tier);
  return [
    free.length ? `every ${free.join(', ')} backup is readable without a thaw` : '',
    ...late.map((t) => `${t.tier} backups need a thaw (S3 restore) after ${t.thawFreeDays} days`),
  ]
    .filter(Boolean)
    .join('; ');
}

function planText(plan: TierCost[], total: CostEstimate): string {
  const rows = made(plan).map(
    (t) =>
      `  ${t.tier.padEnd(8)} ${t.uploadClass.padEnd(10)} ${moves(t).padEnd(40)} ${kept(t).padEnd(24)} ${String(t.backupsPerYear).padStart(5)}  ${money(t)}`,
  );
  return [
    `plan, ${total.label}: ${usd(total.totalUsd)}/month`,
    `  ${'tier'.padEnd(8)} ${'upload'.padEnd(10)} ${'then'.padEnd(40)} ${'kept'.padEnd(24)} ${'a year'.padStart(5)}  per month`,
    ...rows,
    `  ${thawLine(plan)}`,
  ].join('\n');
}

export function planTable(plan: TierCost[]): string {
  return [
    '| tier | uploaded in | then | kept | backups a year | per month |',
    '|---|---|---|---|---|---|',
    ...made(plan).map(
      (t) => `| ${t.tier} | ${t.uploadClass} | ${moves(t)} | ${kept(t)} | ${t.backupsPerYear} | ${money(t)} |`,
    ),
    '',
    thawLine(plan),
  ].join('\n');
}

function alternativesText(alternatives: CostEstimate[]): string {
  return alternatives.map((e) => `  ${usd(e.totalUsd).padStart(7)}/month  ${e.label}`).join('\n');
}

/** The cost verb's CLI text: the plan, the alternatives, the classes, the rules of thumb. */
export function costPlanText(head: string, r: CostPlan, comparison: CostEstimate[]): string {
  return [
    head,
    '',
    planText(r.plan, r.chosen),
    '',
    'alternatives, same stored size:',
    alternativesText(r.alternatives),
    '',
    'by storage class:',
    costText([r.chosen, ...r.alternatives]),
    '',
    'for comparison, the uncompressed size under common rules of thumb:',
    costText(comparison),
    '',
    'prices: Amazon S3 us-east-1 list prices per GB-month, storage only; override with --prices CLASS=price',
  ].join('\n');
}
