/** backup: dump a database and stream it to S3 with its .sha256 and .meta sidecars. */
import { backup } from '../backup.js';
import { formatBytes } from '../format.js';
import { parseReportOptions } from '../options/monitoring.js';
import { parseBackupOptions } from '../options/parse.js';
import { backupOutputs, backupSummary } from '../report.js';
import { backupTrend } from '../reporting/backup-report.js';
import { outputsJson, type Command } from './command.js';

export const backupCommand: Command = {
  verb: 'backup',
  description: 'dump a database and stream it to S3 with .sha256 and .meta sidecars',
  async run(raw, ctx) {
    const options = parseBackupOptions(raw, ctx.env);
    const report = parseReportOptions(raw, ctx.env);
    const result = await backup(options, ctx);
    const trend = await backupTrend(options, result, report, ctx);
    const outputs = backupOutputs(result);
    return {
      outputs,
      summary: backupSummary(result) + (trend.section ? `\n${trend.section}` : ''),
      text: `${result.uri}\nsha256 ${result.sha256}  ${formatBytes(result.size)}`,
      json: {
        ...outputsJson('backup', outputs),
        trend: { points: trend.points, ...trend.stats, shrinkWarning: trend.shrink ?? null },
      },
      report: `backed up ${result.uri}: ${formatBytes(result.size)}, sha256 ${result.sha256}${trend.shrink ? ` — warning: ${trend.shrink}` : ''}`,
      warnings: trend.shrink ? [{ message: trend.shrink, title: 'Backup shrank' }] : [],
      // the backup is stored and reported; a failed retention still fails the run
      failure: result.retention?.pruneError,
    };
  },
};
