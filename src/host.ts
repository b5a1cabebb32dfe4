/** What both hosts (action and CLI) share: cancellation on SIGINT/SIGTERM and the run context. */
import os from 'node:os';
import { CancelledError } from './errors.js';
import type { Logger, RunContext } from './context.js';

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
    dispose: () => handlers.forEach(([sig, h]) => process.off(sig, h)),
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
