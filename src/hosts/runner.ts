/**
 * The one run wrapper both hosts use: the first signal aborts the run, monitors hear of its start and end, progress
 * is shown, everything logged is redacted, the job summary written, one failure line, the exit status, stdout drained
 * before the exit. The hosts only say where lines, progress and results go.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import type { Command, CommandResult } from '../commands/command.js';
import type { Logger, RunContext } from '../model/context.js';
import { CancelledError, errorMessage, oneLine } from '../core/errors.js';
import { LogTail, tailing } from '../monitor/log-tail.js';
import { monitored, RunMonitors } from '../monitor/monitors.js';
import { notified, RunNotice } from './notice.js';
import { monitorsFor } from '../options/monitor-scope.js';
import { parseNotifyOptions } from '../options/notify.js';
import type { RawInputs } from '../options/parse.js';
import { MONITORED } from '../options/spec.js';
import type { Verb } from '../options/verbs.js';
import { redact } from '../core/redact.js';
import { createS3Client } from '../s3/client.js';
import { Progress } from '../reporting/progress.js';
import { EXIT_CANCELLED, exitStatus } from './exit-status.js';
import { onClosedOutput } from './closed-output.js';

/** What differs between the action and the CLI: where lines go, whether progress is redrawn, how results are written. */
export interface Host {
  /** The host's own log (the wrapper redacts and tails what it is given). */
  log: Logger;
  /** A terminal to redraw one progress line on; without one, progress is a log line every few seconds. */
  terminal?: (text: string) => void;
  /** Extras of the run context: a client installer (Actions), a confirmation question (a terminal). */
  context?: Partial<RunContext>;
  /** Writes what the command produced for its reader: outputs (action), text or JSON (CLI). */
  write(command: Command, result: CommandResult): void;
}

/** One command run: monitored when the verb is, its result written, its failure (if any) thrown after that. */
export async function runCommand(command: Command, raw: RawInputs, host: Host, signal: AbortSignal): Promise<void> {
  const tail = new LogTail();
  const progress = progressFor(host, tail);
  // a progress line redrawn on a terminal is cleared before any other line
  const log = tailing(redacting(clearingFirst(host.log, progress)), tail);
  try {
    const scoped = MONITORED.includes(command.verb as Verb) ? monitorsFor(command.verb as Verb, raw) : {};
    if (scoped.note) log.info(scoped.note);
    const monitors = scoped.monitors ? new RunMonitors(scoped.monitors, log, command.verb as Verb) : undefined;
    const notifications = MONITORED.includes(command.verb as Verb) ? parseNotifyOptions(raw) : undefined;
    const notice = notifications ? new RunNotice(notifications, command.verb, raw, log) : undefined;
    const ctx = runContext(log, signal, {
      ...host.context,
      onProgress: (p) => progress.report(p),
    });
    await notified(notice, () =>
      monitored(monitors, tail, async () => {
        const result = await command.run(raw, ctx);
        notice?.record(result.outputs);
        progress.clear();
        for (const w of result.warnings ?? []) log.warning(w.message, w.title);
        host.write(command, result);
        writeSummary(result.summary, log);
        if (result.failure) throw result.failure;
        return result.report;
      }),
    );
  } finally {
    progress.clear();
  }
}

/** A run's progress: redrawn on the host's terminal, else a line every few seconds, in the log and the monitors' tail. */
function progressFor(host: Host, tail: LogTail): Progress {
  if (host.terminal) return new Progress({ mode: 'tty', write: host.terminal });
  return new Progress({
    mode: 'lines',
    write: (text) => {
      const line = text.trimEnd();
      tail.progress(line);
      host.log.info(redact(line));
    },
  });
}

function clearingFirst(log: Logger, progress: Progress): Logger {
  return {
    info: (m) => {
      progress.clear();
      log.info(m);
    },
    warning: (m, title) => {
      progress.clear();
      log.warning(m, title);
    },
  };
}

/** The job summary, on both hosts when run in a GitHub Actions step (GITHUB_STEP_SUMMARY is set); redacted. */
function writeSummary(summary: string, log: Logger, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!summary || !file) return;
  try {
    appendFileSync(file, `${redact(summary)}\n`);
  } catch (err) {
    log.warning(`could not write the job summary: ${errorMessage(err)}`);
  }
}

function redacting(log: Logger): Logger {
  return { info: (m) => log.info(redact(m)), warning: (m, title) => log.warning(redact(m), title) };
}

/**
 * A whole process: `work` runs with the cancellation signal; a failure becomes one line (`fail`); the process exits
 * with the status of exitStatus, once stdout and stderr are drained — open sockets (keep-alive agents) must not keep
 * it alive.
 */
export async function runProcess(
  work: (signal: AbortSignal) => Promise<void>,
  fail: (line: string, err: unknown) => void,
  say?: (line: string) => void,
): Promise<never> {
  const cancel = cancellation(say);
  try {
    await work(cancel.signal);
  } catch (err) {
    fail(redact(oneLine(err)), err);
    process.exitCode = exitStatus(err);
  } finally {
    cancel.dispose();
  }
  await flushStdio();
  process.exit(process.exitCode ?? 0);
}

/** After the first signal the clean abort has this long; then the process exits anyway, saying so. */
const CANCEL_DEADLINE_MS = 15_000;

/**
 * GitHub cancels a run with SIGINT, then SIGTERM: the first signal aborts the run (every S3 request is abandoned, the
 * upload aborted, temporary files removed) and the run ends with a line saying what was cleaned up. A second signal
 * exits 130 (EXIT_CANCELLED) at once, and so does a cleanup that outlives CANCEL_DEADLINE_MS, each with a line that says so (`say`).
 * A closed output pipe (EPIPE) cancels the run the same way.
 */
function cancellation(say: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  let deadline: NodeJS.Timeout | undefined;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => {
    const handler = () => {
      if (controller.signal.aborted) {
        say(
          `${sig} again: stopped at once, without finishing the cleanup (an unfinished multipart upload or temporary files may remain)`,
        );
        process.exit(EXIT_CANCELLED);
      }
      controller.abort(new CancelledError(sig));
      deadline = setTimeout(() => {
        say(
          `cancelled by ${sig}: the cleanup did not finish within ${CANCEL_DEADLINE_MS / 1000}s; stopped (an unfinished multipart upload or temporary files may remain)`,
        );
        process.exit(EXIT_CANCELLED);
      }, CANCEL_DEADLINE_MS);
      deadline.unref();
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  const outputClosed = onClosedOutput(() => {
    if (!controller.signal.aborted) controller.abort(new CancelledError('a closed output pipe'));
  });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(deadline);
      outputClosed();
      for (const [sig, h] of handlers) process.off(sig, h);
    },
  };
}

/**
 * Waits until everything written to stdout and stderr has been handed to the OS. `process.exit()` drops what is still
 * queued for a pipe, e.g. the end of a large `list --json | jq`, or the failure line when the reader is slow.
 */
async function flushStdio(): Promise<void> {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.writableEnded || s.destroyed) return resolve();
          s.on('error', () => resolve()); // the reader went away (`| head`): nothing more to wait for
          s.write('', () => resolve());
        }),
    ),
  );
}

export function runContext(log: Logger, signal: AbortSignal, extra: Partial<RunContext> = {}): RunContext {
  return {
    log,
    signal,
    env: process.env,
    now: () => new Date(),
    tempDir: process.env.RUNNER_TEMP || os.tmpdir(),
    // the run's S3 clients: every request stops when the run is cancelled
    s3Client: (o) => createS3Client(o, { signal }),
    ...extra,
  };
}
