/**
 * The action host: inputs from core.getInput, secrets masked, outputs and job summary written, one failure line.
 * Entry files only call these functions.
 */
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import * as cache from '@actions/cache';
import { backup } from '../backup.js';
import { restore } from '../restore.js';
import { assertFresh, checkFreshness, formatAge } from '../check.js';
import { oneLine, UserError } from '../errors.js';
import { formatBytes } from '../format.js';
import { cancellation, flushStdio, runContext } from '../host.js';
import { parseCheckOptions } from '../options/check.js';
import { parseMonitorOptions, parseReportOptions } from '../options/monitoring.js';
import { parseBackupOptions, parseRestoreOptions, parseValidateOptions, parseVerifyOptions } from '../options/parse.js';
import { MONITORED, type Verb } from '../options/spec.js';
import { verify } from '../verify.js';
import { failureLine, validate } from '../validate.js';
import { installClient } from '../postgres/install-client.js';
import { onSecret, redact } from '../redact.js';
import {
  backupOutputs, backupSummary, restoreOutputs, restoreSummary, validateOutputs, validateSummary, verifyOutputs, verifySummary,
} from '../report.js';
import { LogTail, tailing } from '../monitor/log-tail.js';
import { monitored, RunMonitors } from '../monitor/monitors.js';
import { backupTrend } from '../reporting/backup-report.js';
import { Progress } from '../reporting/progress.js';
import { checkOutputs, checkSummary } from '../reporting/summaries.js';
import type { Logger, RunContext } from '../context.js';

export const log: Logger = {
  info: (m) => core.info(redact(m)),
  warning: (m) => core.warning(redact(m)),
};

const install = (major: number) =>
  installClient(major, {
    exec: (command, args) => exec.exec(command, args, { ignoreReturnCode: true }),
    restoreCache: (paths, key) => cache.restoreCache(paths, key),
    saveCache: (paths, key) => cache.saveCache(paths, key),
    log: (m) => core.info(m),
  });

/** What a verb's work gets from the host: a logger that also feeds the monitors' log tail, and a run context. */
interface Run {
  log: Logger;
  ctx: RunContext;
}

const getInput = (name: string) => core.getInput(name);

/**
 * One run: secrets masked, monitors told of the start and of the end (ok, or error with the last log lines),
 * progress logged every few seconds, one failure line. `work` returns the line a success report carries.
 */
export async function host(verb: Verb, work: (run: Run) => Promise<string>): Promise<void> {
  onSecret((s) => core.setSecret(s));
  const cancel = cancellation((line) => core.error(redact(line)));
  const tail = new LogTail();
  const runLog = tailing(log, tail);
  // a redrawn bar is noise in a log: a line every few seconds instead
  const progress = new Progress({
    mode: 'lines',
    write: (text) => {
      tail.progress(text.trimEnd());
      log.info(text.trimEnd());
    },
  });
  try {
    const monitoring = MONITORED.includes(verb) ? parseMonitorOptions(getInput) : undefined;
    const monitors = monitoring ? new RunMonitors(monitoring, runLog, verb) : undefined;
    const ctx = runContext(runLog, cancel.signal, { installClient: install, onProgress: (p) => progress.update(p.phase, p.bytes) });
    await monitored(monitors, tail, () => work({ log: runLog, ctx }));
  } catch (err) {
    core.setFailed(redact(oneLine(err)));
    if (!(err instanceof UserError) && process.env.SHOW_STACK_TRACE === 'true') core.debug(redact(String((err as Error).stack)));
  } finally {
    cancel.dispose();
  }
  // open sockets (keep-alive agents) must not keep the step alive; what is still queued for stdout must not be lost
  await flushStdio();
  process.exit(process.exitCode ?? 0);
}

export async function writeResults(outputs: Record<string, string>, summary: string): Promise<void> {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  try {
    await core.summary.addRaw(redact(summary)).write();
  } catch (err) {
    core.warning(`could not write the job summary: ${(err as Error).message}`);
  }
}

export function runBackupAction(): Promise<void> {
  return host('backup', async ({ ctx }) => {
    const options = parseBackupOptions(getInput);
    const report = parseReportOptions(getInput);
    const result = await backup(options, ctx);
    const trend = await backupTrend(options, result, report, ctx);
    if (trend.shrink) core.warning(redact(trend.shrink), { title: 'Backup shrank' });
    await writeResults(backupOutputs(result), backupSummary(result) + (trend.section ? `\n${trend.section}` : ''));
    // the backup is stored and reported; a failed retention still fails the step
    if (result.retention?.pruneError) throw result.retention.pruneError;
    return `backed up ${result.uri}: ${formatBytes(result.size)}, sha256 ${result.sha256}${trend.shrink ? ` — warning: ${trend.shrink}` : ''}`;
  });
}

export function runRestoreAction(): Promise<void> {
  return host('restore', async ({ ctx }) => {
    const options = parseRestoreOptions(getInput);
    const result = await restore(options, ctx);
    await writeResults(restoreOutputs(result), restoreSummary(result));
    return `restored ${result.key} into ${result.database} (sha256 verified)`;
  });
}

export function runCheckAction(): Promise<void> {
  return host('check', async ({ ctx }) => {
    const options = parseCheckOptions(getInput);
    const result = await checkFreshness(options, ctx);
    // outputs first: a failed gate still tells the next steps what it found
    await writeResults(checkOutputs(result), checkSummary(result));
    assertFresh(result, options);
    return result.newest
      ? `newest good backup ${result.newest.key} is ${formatAge(result.newest.ageSeconds)} old (max-age ${formatAge(options.maxAgeSeconds)})${result.fresh ? '' : ': stale'}`
      : 'no good backup';
  });
}

export function runVerifyAction(): Promise<void> {
  return host('verify', async ({ ctx }) => {
    const options = parseVerifyOptions(getInput);
    const result = await verify(options, ctx);
    await writeResults(verifyOutputs(result), verifySummary(result));
    return `verified ${result.key}: sha256 ${result.sha256}, ${formatBytes(result.bytes)} decoded`;
  });
}

export function runValidateAction(): Promise<void> {
  return host('validate', async ({ ctx }) => {
    const options = parseValidateOptions(getInput);
    const result = await validate(options, ctx);
    // the report comes first, pass or fail: the table of checks is what the reader needs
    await writeResults(validateOutputs(result), validateSummary(result));
    if (result.status === 'failed') throw new UserError(failureLine(result));
    return `validated ${result.key}: ${result.tablesChecked} tables, ${result.rowsChecked} rows as the manifest says (restored into PostgreSQL ${result.restoredMajor})`;
  });
}
