// The one exit-status policy of both hosts: how a run that ended (or failed) with each kind of error exits.
import { expect, test } from 'vitest';
import { CancelledError, UserError } from '../../src/core/errors.js';
import { ThawPendingError } from '../../src/core/archive-tiers.js';
import { exitStatus } from '../../src/hosts/exit-status.js';

const abortedRequest = () => {
  // an S3 request abandoned on the run's signal carries the cancellation as its cause
  const e = new Error('Request aborted', { cause: new CancelledError('SIGTERM') });
  e.name = 'AbortError';
  return e;
};
const childStatus = Object.assign(new Error('pg_dump failed (exit code 2)'), { exitCode: 2 });

test.each([
  [1, 'success', undefined, 0],
  [2, 'a user error (bad input, a stale backup, a failed drill)', new UserError('max-age: "x" is not a duration'), 1],
  [3, 'an unexpected error', new TypeError('x is undefined'), 1],
  [4, 'something thrown that is not an Error', 'text', 1],
  [5, 'an error carrying a child process status: still 1', childStatus, 1],
  [6, 'cancelled by SIGINT (GitHub cancels with it)', new CancelledError('SIGINT'), 130],
  [7, 'cancelled by SIGTERM', new CancelledError('SIGTERM'), 130],
  [8, 'an aborted S3 request whose cause is the cancellation', abortedRequest(), 130],
  [9, 'an archived backup being thawed: run again later', new ThawPendingError('restore requested'), 75],
])('%i: %s → %i', (_n, _what, err, status) => {
  expect(exitStatus(err)).toBe(status);
});
