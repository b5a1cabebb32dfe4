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
  /** A cleanup noted so far dealt with something the run had written (removed it, or could not). */
  #wrote = false;
  constructor(readonly signal: string) {
    super(`cancelled by ${signal}`);
    Object.defineProperty(this, 'message', {
      get: () => `cancelled by ${signal}: ${this.#what()}`,
      configurable: true,
    });
  }

  /** Notes a cleanup once; `nothingWritten`: it leaves nothing written (an unfinished upload aborted). */
  note(what: string, nothingWritten: boolean): void {
    if (!this.cleanup.includes(what)) this.cleanup.push(what);
    if (!nothingWritten) this.#wrote = true;
  }

  #what(): string {
    if (!this.cleanup.length) return 'nothing was written';
    const done = this.cleanup.join('; ');
    return this.#wrote ? done : `${done} and nothing was written`;
  }
}

/** The CancelledError behind an error (an aborted S3 request carries it as its cause), if any. */
export function cancellationOf(err: unknown): CancelledError | undefined {
  for (let e = err, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof CancelledError) return e;
  }
  return undefined;
}

/**
 * Records, for the cancellation line, what was cleaned up after the run's signal; a no-op when not cancelled. The line
 * says "nothing was written" only when every cleanup noted says `nothingWritten` (or none was needed).
 */
export function noteCleanup(signal: AbortSignal | undefined, what: string, o?: { nothingWritten?: boolean }): void {
  const reason = signal?.aborted ? signal.reason : undefined;
  if (reason instanceof CancelledError) reason.note(what, o?.nothingWritten ?? false);
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
