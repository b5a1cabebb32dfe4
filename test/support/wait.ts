/**
 * Waiting for a state, never for time: `waitUntil` asks `check` again and again until it holds. The deadline does not
 * make anything pass; it only turns a state that never comes into a clear error instead of a test timeout. With
 * `run`, a run that ends before the state came fails at once, with its output.
 */
import type { ProcResult } from './run.js';

export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  o: { run?: Promise<ProcResult>; timeoutMs?: number } = {},
): Promise<void> {
  let ended: ProcResult | undefined;
  void o.run?.then((r) => (ended = r));
  const deadline = Date.now() + (o.timeoutMs ?? 90_000);
  for (;;) {
    if (await check()) return;
    if (ended) throw new Error(`the run ended (exit ${ended.code}) before ${what}:\n${ended.stderr}\n${ended.stdout}`);
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${(o.timeoutMs ?? 90_000) / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A promise that must settle before the run ends (e.g. a proxy's `whenHeld()`); fails with the run's output if not. */
export async function beforeRunEnds<T>(what: string, state: Promise<T>, run: Promise<ProcResult>): Promise<T> {
  const ended = run.then((r) => {
    throw new Error(`the run ended (exit ${r.code}) before ${what}:\n${r.stderr}\n${r.stdout}`);
  });
  return Promise.race([state, ended]);
}
