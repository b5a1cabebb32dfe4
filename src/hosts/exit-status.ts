/**
 * The exit status of a run, the same for the action and the CLI.
 *
 * A cancelled run exits 130 (128 + SIGINT), as a shell expects of an interrupted command. For the action it changes
 * nothing users see: the runner marks a step it cancelled as cancelled, whatever the status, and any other non-zero
 * status as failed (actions/runner, NodeScriptActionHandler); the status itself is only in the runner's debug log.
 */
import { cancellationOf } from '../core/errors.js';
import { EXIT_THAW_PENDING, ThawPendingError } from '../core/archive-tiers.js';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
export const EXIT_CANCELLED = 130;

/** What a run that ended with `err` (undefined: it succeeded) exits with. */
export function exitStatus(err: unknown): number {
  if (err === undefined) return EXIT_OK;
  if (cancellationOf(err)) return EXIT_CANCELLED;
  // nothing failed: S3 is making a readable copy of an archived backup; run again later
  if (err instanceof ThawPendingError) return EXIT_THAW_PENDING;
  return EXIT_FAILED;
}
