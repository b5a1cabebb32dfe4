/**
 * What every drill leaves behind, passed, failed or not verified: max-restore-time applied, the records appended (in
 * the copy too), the in-toto statement written, the recent records read back for the recovery-time trend.
 */
import os from 'node:os';
import { drillRunner } from '../core/drill.js';
import { drillRecords, withRestoreTime } from '../core/drill-record.js';
import { cancellationOf, oneLine } from '../core/errors.js';
import { ThawPendingError } from '../core/archive-tiers.js';
import { TOOL_VERSION } from '../core/version.js';
import { appendDrills, recentDrills, type StatementFiles, writeStatement } from '../drill/evidence.js';
import type { RunContext } from '../model/context.js';
import type { StoredDrill } from '../model/drill.js';
import type { ValidateOptions } from '../model/options.js';
import type { ValidateResult } from '../model/results.js';

export interface Evidence {
  result: ValidateResult;
  files?: StatementFiles;
  records: string[];
  trend: StoredDrill[];
}

/** A drill that stopped before its checks: "not verified" (cancellations and a pending thaw are not drills). */
export function notVerified(o: ValidateOptions, err: unknown, started: Date): ValidateResult {
  if (cancellationOf(err) || err instanceof ThawPendingError) throw err;
  return {
    status: 'not-verified',
    key: o.all ? `set ${o.set}` : o.backup,
    sha256: '',
    checks: [],
    tablesChecked: 0,
    rowsChecked: 0,
    mismatches: 0,
    durationSeconds: 0,
    restoredMajor: 0,
    scratchDatabase: '',
    kept: o.keep,
    startedAt: started.toISOString(),
    reason: oneLine(err),
  };
}

export async function drillEvidence(o: ValidateOptions, ctx: RunContext, ran: ValidateResult): Promise<Evidence> {
  const result = withRestoreTime(ran, o.maxRestoreSeconds);
  const records = drillRecords(result, {
    finishedAt: ctx.now(),
    runner: drillRunner(ctx.env, os.hostname()),
    version: TOOL_VERSION,
    maxRestoreSeconds: o.maxRestoreSeconds,
  });
  const written = await appendDrills(o, ctx, records);
  let files: StatementFiles | undefined;
  try {
    files = writeStatement(ctx, records[0]!);
  } catch (err) {
    ctx.log.warning(`could not write the drill statement: ${oneLine(err)}`);
  }
  const trend = written.length ? await recentDrills(o, ctx, 30) : [];
  return { result, ...(files ? { files } : {}), records: written, trend };
}
