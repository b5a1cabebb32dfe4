/**
 * The one run wrapper both hosts use: the first signal aborts the run, monitors hear of its start and end, progress
 * is shown, everything logged is redacted, one failure line, the exit status, stdout drained before the exit.
 */
import os from 'node:os';
import type { Command, CommandResult } from '../commands/command.js';
import type { Logger, RunContext } from '../core/context.js';
import { CancelledError, oneLine } from '../core/errors.js';
import { LogTail, tailing } from '../monitor/log-tail.js';
import { monitored, RunMonitors } from '../monitor/monitors.js';
import { parseMonitorOptions } from '../options/monitoring.js';
import type { RawInputs } from '../options/parse.js';
import { MONITORED, type Verb } from '../options/spec.js';
import { redact } from '../core/redact.js';
import { createS3Client } from '../s3/client.js';
import type { Progress } from '../reporting/progress.js';
import { onClosedOutput } from './closed-output.js';

/** What differs between the action and the CLI: where lines go, how progress shows, how results are written. */
export interface Host {
  /** The host's own log (the wrapper redacts and tails what it is given). */
  log: Logger;
  /** Progress for one run; its log lines also go to the monitors' tail. */
  progress(tail: LogTail): Progress;
  /** Extras of the run context: a client installer (Actions), a confirmation question (a terminal). */
  context?: Partial<RunContext>;
  /** Writes what the command produced: outputs and summary (action), text or JSON and summary (CLI). */
  write(command: Command, result: CommandResult): Promise<void>;
}

/** One command run: monitored when the verb is, its result written, its failure (if any) thrown after that. */
export async function runCommand(command: Command, raw: RawInputs, host: Host, signal: AbortSignal): Promise<void> {
  const tail = new LogTail();
  const log = tailing(redacting(host.log), tail);
  const progress = host.progress(tail);
  try {
    const monitoring = MONITORED.includes(command.verb as Verb) ? parseMonitorOptions(raw) : undefined;
    const monitors = monitoring ? new RunMonitors(monitoring, log, command.verb as Verb) : undefined;
    const ctx = runContext(log, signal, { ...host.context, onProgress: (p) => progress.update(p.phase, p.bytes) });
    await monitored(monitors, tail, async () => {
      const result = await command.run(raw, ctx);
      progress.clear();
      for (const w of result.warnings ?? []) log.warning(w.message, w.title);
      await host.write(command, result);
      if (result.failure) throw result.failure;
      return result.report;
    });
  } finally {
    progress.clear();
  }
}

export function redacting(log: Logger): Logger {
  return { info: (m) => log.info(redact(m)), warning: (m, title) => log.warning(redact(m), title) };
}

/**
 * A whole process: `work` runs with the cancellation signal; a failure becomes one line (`fail`); the process exits
 * with the status set, once stdout and stderr are drained — open sockets (keep-alive agents) must not keep it alive.
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
  } finally {
    cancel.dispose();
  }
  await flushStdio();
  process.exit(process.exitCode ?? 0);
}

/** After the first signal the clean abort has this long; then the process exits anyway, saying so. */
export const CANCEL_DEADLINE_MS = 15_000;

/**
 * GitHub cancels a run with SIGINT, then SIGTERM: the first signal aborts the run (every S3 request is abandoned, the
 * upload aborted, temporary files removed) and the run ends with a line saying what was cleaned up. A second signal
 * exits 130 at once, and so does a cleanup that outlives CANCEL_DEADLINE_MS, each with a line that says so (`say`).
 * A closed output pipe (EPIPE) cancels the run the same way.
 */
export function cancellation(say: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): {
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
        process.exit(130);
      }
      controller.abort(new CancelledError(sig));
      deadline = setTimeout(() => {
        say(
          `cancelled by ${sig}: the cleanup did not finish within ${CANCEL_DEADLINE_MS / 1000}s; stopped (an unfinished multipart upload or temporary files may remain)`,
        );
        process.exit(130);
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
export async function flushStdio(): Promise<void> {
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
