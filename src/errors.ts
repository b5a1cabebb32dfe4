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

/** A run stopped by SIGINT/SIGTERM (GitHub sends these when a workflow is cancelled). */
export class CancelledError extends UserError {
  override name = 'CancelledError';
  constructor(signal: string) {
    super(`cancelled by ${signal}: the unfinished upload was aborted and nothing was written`);
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** One line for any error; user errors verbatim, others prefixed so they read as our bug or an unexpected failure. */
export function oneLine(err: unknown): string {
  const message = errorMessage(err).replace(/\s*\n\s*/g, ' — ').trim();
  return message || 'unknown error';
}
