/**
 * The action host: inputs from core.getInput, secrets masked, outputs and job summary written, one failure line.
 * Entry files only call these functions.
 */
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import * as cache from '@actions/cache';
import { backup } from '../backup.js';
import { restore } from '../restore.js';
import { oneLine, UserError } from '../errors.js';
import { cancellation, flushStdio, runContext } from '../host.js';
import { parseBackupOptions, parseRestoreOptions, parseValidateOptions, parseVerifyOptions } from '../options/parse.js';
import { verify } from '../verify.js';
import { failureLine, validate } from '../validate.js';
import { installClient } from '../postgres/install-client.js';
import { onSecret, redact } from '../redact.js';
import {
  backupOutputs, backupSummary, restoreOutputs, restoreSummary, validateOutputs, validateSummary, verifyOutputs, verifySummary,
} from '../report.js';
import type { Logger } from '../context.js';

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

export async function host(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  onSecret((s) => core.setSecret(s));
  const cancel = cancellation();
  try {
    await work(cancel.signal);
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
  return host(async (signal) => {
    const options = parseBackupOptions((name) => core.getInput(name));
    const result = await backup(options, runContext(log, signal, { installClient: install }));
    await writeResults(backupOutputs(result), backupSummary(result));
    // the backup is stored and reported; a failed retention still fails the step
    if (result.retention?.pruneError) throw result.retention.pruneError;
  });
}

export function runRestoreAction(): Promise<void> {
  return host(async (signal) => {
    const options = parseRestoreOptions((name) => core.getInput(name));
    const result = await restore(options, runContext(log, signal, { installClient: install }));
    await writeResults(restoreOutputs(result), restoreSummary(result));
  });
}

export function runVerifyAction(): Promise<void> {
  return host(async (signal) => {
    const options = parseVerifyOptions((name) => core.getInput(name));
    const result = await verify(options, runContext(log, signal, { installClient: install }));
    await writeResults(verifyOutputs(result), verifySummary(result));
  });
}

export function runValidateAction(): Promise<void> {
  return host(async (signal) => {
    const options = parseValidateOptions((name) => core.getInput(name));
    const result = await validate(options, runContext(log, signal, { installClient: install }));
    // the report comes first, pass or fail: the table of checks is what the reader needs
    await writeResults(validateOutputs(result), validateSummary(result));
    if (result.status === 'failed') throw new UserError(failureLine(result));
  });
}
