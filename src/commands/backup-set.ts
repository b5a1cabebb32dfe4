/** backup with databases (a list or all) or globals: the set's run, outputs, summary and text. */
import type { BackupResult } from '../model/results.js';
import { backupSet } from '../backup/set-run.js';
import type { RunContext } from '../model/context.js';
import { formatBytes, plural } from '../core/format.js';
import type { ReportOptions } from '../model/options.js';
import type { BackupOptions } from '../model/options.js';
import { backupTrend, trendJson } from './backup-trend.js';
import { backupOutputs, backupSummary } from '../reporting/results.js';
import { multiOutputs, setOutputs, setSummary, setText } from '../reporting/set-results.js';
import { type CommandResult, outputsJson } from './command.js';
import { setListRows } from '../reporting/set-list.js';

export async function runBackupSet(o: BackupOptions, report: ReportOptions, ctx: RunContext): Promise<CommandResult> {
  const r = await backupSet(o, ctx);
  const set = setOutputs(r);
  // the set as list shows it; latest.json moves only to a set without failures
  const json = { set: setListRows([r.set], r.set.failed.length ? undefined : r.set.key)[0] };
  if (!r.single) {
    const outputs = { ...multiOutputs(r), ...set };
    return {
      outputs,
      summary: setSummary(r),
      text: setText(r),
      json: { ...outputsJson('backup', outputs), ...json },
      report: `backed up set ${outputs.uri}: ${plural(r.set.members.length, 'member')}, ${formatBytes(Number(outputs.size))}${r.set.failed.length ? `, failed: ${r.set.failed.join(', ')}` : ''}`,
      // the members are stored and reported; a failed member, copy or retention still fails the run
      failure: r.failure ?? afterStored(r.outcomes.flatMap((x) => (x.result ? [x.result] : []))),
    };
  }
  // one database (and its server's globals): reported as a backup on its own is, the set beside it
  const result = r.single;
  const trend = await backupTrend(o, result, report, ctx);
  const outputs = { ...backupOutputs(result), ...set };
  return {
    outputs,
    summary: `${backupSummary(result)}${trend.section ? `\n${trend.section}` : ''}\n${setSummary(r)}`,
    text: `${result.uri}\nsha256 ${result.sha256}  ${formatBytes(result.size)}${set['globals-key'] ? `\nglobals s3://${r.bucket}/${set['globals-key']}` : ''}`,
    json: {
      ...outputsJson('backup', outputs),
      trend: trendJson(trend),
      ...json,
    },
    report: `backed up ${result.uri}: ${formatBytes(result.size)}, sha256 ${result.sha256}${trend.shrink ? ` — warning: ${trend.shrink}` : ''}`,
    warnings: trend.shrink ? [{ message: trend.shrink, title: 'Backup shrank' }] : [],
    failure: r.failure ?? afterStored([result]),
  };
}

/** What fails a run after its backups are stored: a second copy that failed, then a prune that failed. */
function afterStored(results: BackupResult[]): Error | undefined {
  return (
    results.find((x) => x.copy?.error)?.copy?.error ??
    results.find((x) => x.retention?.pruneError)?.retention?.pruneError
  );
}
