/**
 * A drill's result turned into its evidence (pure): the max-restore-time verdict folded into the result, then the
 * records to append: one for a backup; for a set, one for the set and one for each database in it.
 */
import type { DrillRecord, DrillRunner, DrillStages } from '../model/drill.js';
import type { ValidateResult } from '../model/results.js';
import { recoveryOf, restoreTimeCheck } from './drill.js';

const NO_STAGES: DrillStages = { download: 0, proof: 0, restore: 0, compare: 0 };

/** The result with the recovery-time check added when max-restore-time is set (a drill over it fails). */
export function withRestoreTime(r: ValidateResult, maxSeconds: number | undefined): ValidateResult {
  if (r.status === 'not-verified' || !r.stages) return r;
  const check = restoreTimeCheck(r.stages, maxSeconds);
  if (!check) return r;
  const checks = [...r.checks, check];
  const mismatches = checks.filter((c) => !c.ok).length;
  return { ...r, checks, mismatches, status: mismatches ? 'failed' : 'passed' };
}

export interface RecordContext {
  finishedAt: Date;
  runner: DrillRunner;
  version: string;
  maxRestoreSeconds?: number;
}

/** The records of one drill: the first is the drill's own (the backup's, or the set's). */
export function drillRecords(r: ValidateResult, c: RecordContext): DrillRecord[] {
  const stages = r.stages ?? NO_STAGES;
  const firstFailed = r.checks.find((x) => !x.ok);
  const base: DrillRecord = {
    schema: 's3-backup/drill-record/v1',
    kind: r.members ? 'set' : 'backup',
    status: r.status,
    ...(r.reason
      ? { reason: r.reason }
      : firstFailed
        ? { reason: `${firstFailed.check}: expected ${firstFailed.expected}, found ${firstFailed.found}` }
        : {}),
    key: r.key,
    sha256: r.sha256,
    ...(r.members ? { set: r.key, members: r.members.map(({ tables: _t, ...m }) => m) } : {}),
    startedAt: r.startedAt ?? c.finishedAt.toISOString(),
    finishedAt: c.finishedAt.toISOString(),
    stages,
    recoverySeconds: recoveryOf(stages),
    ...(c.maxRestoreSeconds !== undefined ? { maxRestoreSeconds: c.maxRestoreSeconds } : {}),
    checks: r.checks,
    tables: r.tables ?? [],
    tablesChecked: r.tablesChecked,
    rowsChecked: r.rowsChecked,
    mismatches: r.mismatches,
    restoredMajor: r.restoredMajor,
    runner: c.runner,
    tool: { name: 's3-backup', version: c.version },
  };
  return [base, ...(r.members ?? []).flatMap((m) => member(base, r, m))];
}

/** A database of a set drill: its own checks (named by database) and tables, the set's stages and verdict on time. */
function member(set: DrillRecord, r: ValidateResult, m: NonNullable<ValidateResult['members']>[number]): DrillRecord[] {
  const prefix = `${m.database}: `;
  const own = r.checks.filter((x) => x.check.startsWith(prefix));
  if (!own.length) return []; // the globals: their roles are the set's check
  const shared = r.checks.filter((x) => x.check === 'restore' || x.check === 'recovery time');
  const checks = [...shared, ...own];
  const mismatches = checks.filter((x) => !x.ok).length;
  const firstFailed = checks.find((x) => !x.ok);
  const { members: _m, reason: _r, ...rest } = set;
  return [
    {
      ...rest,
      kind: 'member',
      status: mismatches ? 'failed' : 'passed',
      ...(firstFailed
        ? { reason: `${firstFailed.check}: expected ${firstFailed.expected}, found ${firstFailed.found}` }
        : {}),
      key: m.key,
      sha256: m.sha256,
      database: m.database,
      checks,
      tables: m.tables,
      tablesChecked: m.tables.length,
      // the rows compared: the expected counts of its "rows of" checks
      rowsChecked: own.reduce((n, x) => n + (x.check.startsWith(`${prefix}rows of `) ? Number(x.expected) || 0 : 0), 0),
      mismatches,
    },
  ];
}
