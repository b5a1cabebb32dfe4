/** The job summary of a plan: each job's databases and their size. */
import { formatBytes } from '../core/format.js';
import type { SetPlan } from '../model/set-plan.js';
import { cell } from './markdown.js';

export function planSummary(plan: SetPlan): string {
  const count = plan.groups.reduce((n, g) => n + g.databases.length, 0);
  return [
    `### Backup set planned: ${count} databases in ${plan.groups.length} jobs`,
    '',
    `Set \`${plan.id}\` (PostgreSQL ${plan.server.serverVersion} at ${plan.server.host}); its document \`${plan.key}\` is written by set close.`,
    '',
    '| job | databases | size |',
    '|---|---|---|',
    ...plan.groups.map(
      (g) =>
        `| ${g.group} | ${cell(g.databases.map((d) => `${d.database} (${formatBytes(d.size)})`).join(', '))} | ${formatBytes(g.size)} |`,
    ),
    '',
  ].join('\n');
}
