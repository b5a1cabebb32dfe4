/**
 * The one run wrapper both hosts use: the first signal aborts the run, monitors hear of its start and end, progress
 * is shown, everything logged is redacted, one failure line, the exit status, stdout drained before the exit.
 */
import os from 'node:os';
import type { Command, CommandResult } from '../commands/command.js';
import type { Logger, RunContext } from '../context.js';
import { CancelledError, oneLine } from '../errors.js';
import { LogTail, tailing } from '../monitor/log-tail.js';
import { monitored, RunMonitors } from '../monitor/monitors.js';
import { parseMonitorOptions } from '../options/monitoring.js';
import type { RawInputs } from '../options/parse.js';
import { MONITORED, type Verb } from '../options/spec.js';
import { redact } from '../redact.js';
import type { Progress } from '../reporting/progress.js';

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
): Promise<never> {
  const cancel = cancellation();
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

/** GitHub cancels a run with SIGINT, then SIGTERM: both abort the run so the upload is aborted cleanly. */
export function cancellation(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => {
    const handler = () => {
      if (controller.signal.aborted) process.exit(130); // a second signal: stop now
      controller.abort(new CancelledError(sig));
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
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
    ...extra,
  };
}
