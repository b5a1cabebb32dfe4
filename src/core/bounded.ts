/**
 * Tasks run with at most `limit` at once under one signal (pure orchestration, no I/O of its own): the first failure
 * stops the others (running ones see the signal, waiting ones never start), every result that did arrive is handed
 * to `discard`, and that first failure is the one thrown; a cancelled run throws the cancellation.
 */
export async function allBounded<T>(
  tasks: Array<(signal: AbortSignal) => Promise<T>>,
  limit: number,
  parent: AbortSignal,
  discard: (result: T) => Promise<void>,
): Promise<T[]> {
  const stop = new AbortController();
  const onCancel = () => stop.abort(parent.reason);
  if (parent.aborted) onCancel();
  parent.addEventListener('abort', onCancel, { once: true });
  const results: T[] = new Array(tasks.length);
  const arrived: T[] = [];
  let failed = false;
  let first: unknown;
  let next = 0;
  const worker = async () => {
    while (!stop.signal.aborted && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]!(stop.signal);
        arrived.push(results[i]!);
      } catch (err) {
        if (!failed) [failed, first] = [true, err];
        stop.abort(first);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
    if (!failed && stop.signal.aborted) [failed, first] = [true, stop.signal.reason];
    if (failed) {
      await Promise.all(arrived.map((r) => discard(r).catch(() => undefined)));
      throw parent.aborted ? parent.reason : first;
    }
    return results;
  } finally {
    parent.removeEventListener('abort', onCancel);
  }
}
