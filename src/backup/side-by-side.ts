/**
 * Two backups of one run side by side (a database and the server's globals), as one: each runs under a signal that
 * aborts when the other fails, and each waits, once its object and sidecars are stored and before it moves a latest
 * pointer, until the other's are stored too. Either failing before that point stops the other, which removes what it
 * wrote: nothing of the run is left and no pointer moved. Past it, each moves its own pointers.
 */
import type { RunContext } from '../model/context.js';

export interface Side {
  /** The run's context, with the pair's signal. */
  ctx: RunContext;
  /** Says this side is stored, then waits for the other (see Sidecars.beforePointers). */
  beforePointers: () => Promise<void>;
  /** This side failed: the other is stopped unless both are already stored. */
  failed: (err: unknown) => void;
}

interface Pair {
  sides: [Side, Side];
  /** The first failure of either side: the run's error (the other side's is only its consequence). */
  firstError: () => unknown;
}

/** A promise opened (or failed) from outside, once. */
export function latch() {
  let open!: () => void;
  let fail!: (err: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  promise.catch(() => undefined);
  return { promise, open, fail };
}

/** Rejects with the signal's reason once it aborts. */
function abortedOf(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

export function sideBySide(ctx: RunContext): Pair {
  const controller = new AbortController();
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  const stored = [latch(), latch()] as const;
  let bothStored = false;
  let first: { err: unknown } | undefined;
  const failed = (err: unknown) => {
    first ??= { err };
    for (const l of stored) l.fail(err);
    if (!bothStored && !controller.signal.aborted) controller.abort(err);
  };
  const aborted = abortedOf(signal);
  aborted.catch(() => undefined);
  const side = (i: 0 | 1): Side => ({
    ctx: { ...ctx, signal },
    beforePointers: async () => {
      stored[i].open();
      await Promise.race([stored[i === 0 ? 1 : 0].promise, aborted]);
      bothStored = true;
    },
    failed,
  });
  return { sides: [side(0), side(1)], firstError: () => first?.err };
}
