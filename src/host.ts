/** What both hosts (action and CLI) share: cancellation on SIGINT/SIGTERM and the run context. */
import os from 'node:os';
import { CancelledError } from './errors.js';
import type { Logger, RunContext } from './context.js';
import { createS3Client } from './s3/client.js';

/** After the first signal the clean abort has this long; then the process exits anyway, saying so. */
export const CANCEL_DEADLINE_MS = 15_000;

/**
 * GitHub cancels a run with SIGINT, then SIGTERM: the first signal aborts the run (every S3 request is abandoned, the
 * upload aborted, temporary files removed) and the run ends with a line saying what was cleaned up. A second signal
 * exits 130 at once, and so does a cleanup that outlives CANCEL_DEADLINE_MS, each with a line that says so (`say`).
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
        say(`${sig} again: stopped at once, without finishing the cleanup (an unfinished multipart upload or temporary files may remain)`);
        process.exit(130);
      }
      controller.abort(new CancelledError(sig));
      deadline = setTimeout(() => {
        say(`cancelled by ${sig}: the cleanup did not finish within ${CANCEL_DEADLINE_MS / 1000}s; stopped (an unfinished multipart upload or temporary files may remain)`);
        process.exit(130);
      }, CANCEL_DEADLINE_MS);
      deadline.unref();
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(deadline);
      handlers.forEach(([sig, h]) => process.off(sig, h));
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
