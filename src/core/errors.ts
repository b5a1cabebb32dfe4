/**
 * A problem the user can fix: bad input, unreachable server, wrong credentials, missing backup.
 * Its message is one line — what is wrong, which input, what to do — and is printed without a stack trace.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A run stopped by SIGINT/SIGTERM (GitHub sends these when a workflow is cancelled). The code that cleans up after the
 * signal notes what it did (`noteCleanup`), and the message says it: "cancelled by SIGTERM: the unfinished upload was
 * aborted and nothing was written".
 */
export class CancelledError extends UserError {
  override name = 'CancelledError';
  /** What was cleaned up (or could not be), in order; empty: the run had written nothing. */
  readonly cleanup: string[] = [];
  constructor(readonly signal: string) {
    super(`cancelled by ${signal}`);
    Object.defineProperty(this, 'message', {
      get: () => `cancelled by ${signal}: ${this.cleanup.length ? this.cleanup.join('; ') : 'nothing was written'}`,
      configurable: true,
    });
  }
}

/** The CancelledError behind an error (an aborted S3 request carries it as its cause), if any. */
export function cancellationOf(err: unknown): CancelledError | undefined {
  for (let e = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof CancelledError) return e;
  }
  return undefined;
}

/** Records, for the cancellation line, what was cleaned up after the run's signal; a no-op when not cancelled. */
export function noteCleanup(signal: AbortSignal | undefined, what: string): void {
  const reason = signal?.aborted ? signal.reason : undefined;
  if (reason instanceof CancelledError && !reason.cleanup.includes(what)) reason.cleanup.push(what);
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** One line for any error; user errors verbatim, others prefixed so they read as our bug or an unexpected failure. */
export function oneLine(err: unknown): string {
  const message = errorMessage(err)
    .replace(/\s*\n\s*/g, ' — ')
    .trim();
  return message || 'unknown error';
}
