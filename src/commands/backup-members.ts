/** backup with set-id: one job's group of a planned set; its outputs as a set's, the document left to set close. */
import { backupPlannedMembers } from '../backup/set-members-run.js';
import type { RunContext } from '../model/context.js';
import type { BackupOptions } from '../model/options.js';
import { multiOutputs, setOutputs, setSummary, setText } from '../reporting/set-results.js';
import { type CommandResult, outputsJson } from './command.js';

export async function runSetMembers(o: BackupOptions, setId: string, ctx: RunContext): Promise<CommandResult> {
  const r = await backupPlannedMembers(o, setId, ctx);
  const outputs = { ...multiOutputs(r), ...setOutputs(r) };
  const stored = r.set.members.filter((m) => m.status === 'ok').map((m) => m.name);
  return {
    outputs,
    summary: setSummary(r),
    text: setText(r),
    json: { ...outputsJson('backup', outputs), set: r.set },
    report: `backed up ${stored.join(', ') || 'nothing'} for set ${setId}${r.set.failed.length ? `, failed: ${r.set.failed.join(', ')}` : ''}`,
    failure: r.failure ?? r.outcomes.find((x) => x.result?.copy?.error)?.result?.copy?.error,
  };
}
