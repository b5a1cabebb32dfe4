/** Outputs, job summaries and CLI text of the retention and bucket verbs (pure builders). */
import type { LifecycleRule } from '@aws-sdk/client-s3';
import { auditTable } from './bucket-audit.js';
import type { AuditCheck } from '../model/results.js';
import { cell } from './markdown.js';
import type { Step } from '../model/results.js';
import type { AfterBackup } from '../model/results.js';
import { usd } from '../core/retention/cost.js';
import type { CostEstimate } from '../model/retention.js';
import { formatReason } from '../core/retention/policy.js';
import type { PruneResult } from '../model/results.js';

export function costTable(estimates: CostEstimate[]): string {
  const rows = estimates.flatMap((e) => [
    ...e.classes.map(
      (c) =>
        `| ${cell(e.label)} | ${c.storageClass} | ${c.gb.toFixed(0)} | ${usd(c.storageUsd)} | ${c.minimumUsd ? usd(c.minimumUsd) : '–'} |`,
    ),
    `| **${cell(e.label)}** | **total** (${e.backups.toFixed(1)} backups stored on average) | | | **${usd(e.totalUsd)}/month** |`,
  ]);
  return [
    '| scenario | storage class | GB stored | storage | minimum-duration charges |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function costText(estimates: CostEstimate[]): string {
  return estimates
    .map((e) =>
      [
        `${e.label}: ${usd(e.totalUsd)}/month (${e.backups.toFixed(1)} backups stored on average)`,
        ...e.classes.map(
          (c) =>
            `  ${c.storageClass.padEnd(14)} ${c.gb.toFixed(0).padStart(8)} GB  ${usd(c.storageUsd).padStart(8)}${c.minimumUsd ? `  + ${usd(c.minimumUsd)} minimum-duration charges` : ''}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

export function pruneOutputs(r: PruneResult): Record<string, string> {
  return {
    kept: String(r.kept),
    deleted: String(r.deleted),
    locked: String(r.locked),
    plan: JSON.stringify(planJson(r)),
  };
}

function planJson(r: PruneResult) {
  return r.plan.map((b) => ({
    key: b.key,
    backupTime: b.at.toISOString(),
    action: b.locked ? 'keep (locked)' : b.keep ? 'keep' : r.dryRun ? 'delete' : b.deleted ? 'deleted' : 'delete',
    reasons: b.locked
      ? [`locked: ${b.locked}`]
      : b.keep
        ? b.reasons.map(formatReason)
        : [b.why === 'incomplete' ? 'incomplete (no checksum sidecar)' : 'no rule keeps it'],
  }));
}

export function pruneSummary(r: PruneResult, where: string): string {
  const rows = planJson(r).map((p) => `| \`${cell(p.key)}\` | ${p.action} | ${cell(p.reasons.join(', '))} |`);
  return [
    `### ${r.dryRun ? '🔎 Retention plan (dry run)' : '🧹 Retention'}: ${where}`,
    '',
    `kept ${r.kept}, ${r.dryRun ? 'would delete' : 'deleted'} ${r.dryRun ? r.plan.filter((b) => !b.keep).length : r.deleted}${r.locked ? `, ${r.locked} kept by Object Lock` : ''}`,
    '',
    '| backup | action | why |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Extra rows and sections for the backup's own summary. */
export function backupRetentionRows(a: AfterBackup | undefined): Array<[string, string]> {
  if (!a) return [];
  const rows: Array<[string, string]> = [['Tier', `${a.tier} (tag s3-backup-tier)`]];
  if (a.prune)
    rows.push([
      'Retention',
      `kept ${a.prune.kept}, deleted ${a.prune.deleted}${a.prune.locked ? `, ${a.prune.locked} locked` : ''}`,
    ]);
  if (a.pruneError) rows.push(['Retention', `❌ ${a.pruneError.message}`]);
  if (a.cost)
    rows.push([
      'Storage cost (est.)',
      `${usd(a.cost.estimate.totalUsd)}/month at this size: ${a.cost.how}, us-east-1 list prices`,
    ]);
  return rows;
}

export function backupAuditSection(a: AfterBackup | undefined): string {
  if (!a?.audit) return '';
  return ['', '#### Bucket audit', '', auditTable(a.audit), ''].join('\n');
}

export function auditSummary(checks: AuditCheck[], bucket: string): string {
  return [`### Bucket audit: s3://${bucket}`, '', auditTable(checks), ''].join('\n');
}

export function initTable(steps: Step[]): string {
  const mark = { done: '✓', already: '✓', partial: '✗', failed: '✗', ignored: '✗', skipped: '–' } as const;
  return [
    '| step | | result |',
    '|---|---|---|',
    ...steps.map((s) => `| ${s.step} | ${mark[s.status]} ${s.status} | ${cell(s.detail)} |`),
  ].join('\n');
}

export function rulesJson(rules: LifecycleRule[]): string {
  return JSON.stringify({ Rules: rules }, null, 2);
}
