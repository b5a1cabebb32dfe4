/**
 * The temporary folders this process created (downloads): removed by their owner when it is done, and — whatever
 * ends the process first (a crash, a second signal, the cancel deadline's exit) — by an exit hook, so no run leaves
 * a backup's worth of bytes in the temporary directory.
 */
import { rmSync } from 'node:fs';
import type { RunContext } from '../model/context.js';

/** The directory downloads go to: temp-dir, else the run's (RUNNER_TEMP or the system's temporary directory). */
export const tempDirOf = (o: { tempDir?: string }, ctx: RunContext) => o.tempDir ?? ctx.tempDir;

const dirs = new Set<string>();
let hooked = false;

/** Remember a folder the run created; it is removed at the latest when the process exits. */
export function trackTempDir(dir: string): void {
  dirs.add(dir);
  if (hooked) return;
  hooked = true;
  process.once('exit', removeTrackedTempDirs);
}

/** The owner removed it. */
export function untrackTempDir(dir: string): void {
  dirs.delete(dir);
}

/** Synchronously removes every folder still tracked (the exit hook; exit handlers cannot wait). */
function removeTrackedTempDirs(): void {
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // nothing more can be done while exiting
    }
  }
  dirs.clear();
}
