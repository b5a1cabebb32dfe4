/** backup: one database, or a set of them with the globals; its outputs, summary and text. */
import { formatBytes } from '../core/format.js';
import { backup } from '../backup/database.js';
import { parseBackupOptions } from '../options/parse.js';
import { parseReportOptions } from '../options/monitoring.js';
import { backupOutputs, backupSummary } from '../reporting/results.js';
import { backupTrend, trendJson } from './backup-trend.js';
import { outputsJson, type Command } from './command.js';
import { runBackupSet } from './backup-set.js';
import { runSetMembers } from './backup-members.js';
import { parseSetIdInput } from '../options/set-plan.js';

export const backupCommand: Command = {
  verb: 'backup',
  async run(raw, ctx) {
    const options = parseBackupOptions(raw, ctx.env);
    const report = parseReportOptions(raw, ctx.env);
    const setId = parseSetIdInput(raw, ctx.env, options.environment);
    if (setId) return runSetMembers(options, setId, ctx);
    if (options.databases.kind !== 'single' || options.globals) return runBackupSet(options, report, ctx);
    const result = await backup(options, ctx);
    const trend = await backupTrend(options, result, report, ctx);
    const outputs = backupOutputs(result);
    return {
      outputs,
      summary: backupSummary(result) + (trend.section ? `\n${trend.section}` : ''),
      text: `${result.uri}\nsha256 ${result.sha256}  ${formatBytes(result.size)}`,
      json: {
        ...outputsJson('backup', outputs),
        trend: trendJson(trend),
      },
      report: `backed up ${result.uri}: ${formatBytes(result.size)}, sha256 ${result.sha256}${trend.shrink ? ` — warning: ${trend.shrink}` : ''}`,
      warnings: trend.shrink ? [{ message: trend.shrink, title: 'Backup shrank' }] : [],
      // the backup is stored and reported; a failed copy or retention still fails the run
      failure: result.copy?.error ?? result.retention?.pruneError,
    };
  },
};
