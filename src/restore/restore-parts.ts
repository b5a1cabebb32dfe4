/**
 * A multi-stream backup restored by its plan (see core/restore-plan.ts), for the verbs that restore a whole database
 * without the single restore's options (validate's drill, restore --all): the schema part's pre-data, every data
 * part at once, then post-data with `jobs`.
 */
import type { ManifestPart } from '../model/manifest.js';
import { planRestore } from '../core/restore-plan.js';
import type { Proven } from '../store/readback.js';
import { openDumpSource, runPlan, withParts, type PlanTarget } from './dump-source.js';
import type { Logger, RunContext } from '../model/context.js';
import { restoreProgress } from './restore-progress.js';

export interface PartsRestore {
  proven: Proven;
  parts: Proven[];
  manifestParts: ManifestPart[];
  jobs: number;
  /** Data parts loaded at a time; default: jobs. */
  loads?: number;
  log?: Logger;
  /** The pre-data step's own target: restore --all re-creates the database from the schema part (pg_restore --create). */
  first?: Pick<PlanTarget, 'dbUrl' | 'flags'>;
  /** Where the restore's progress goes (by the archive's entries). */
  onProgress?: RunContext['onProgress'];
  /** Told when a data part is loaded (see ./early-counts.ts). */
  onPartLoaded?: (part: number) => void;
}

export async function restoreParts(r: PartsRestore, t: PlanTarget): Promise<void> {
  const plan = planRestore({
    format: 'custom',
    jobs: r.jobs,
    singleTransaction: false,
    decodedCopy: false,
    parts: r.manifestParts,
    ...(r.loads ? { loads: r.loads } : {}),
  });
  r.log?.info(`restore path: ${plan.why}`);
  const head = await openDumpSource(r.proven, 'custom', t.command, t.env);
  const src = withParts(head, r.parts, r.manifestParts);
  const told = { flags: t.flags, pgRestore: t.command, env: t.env, parts: r.manifestParts };
  const progress = r.onProgress ? await restoreProgress({ onProgress: r.onProgress }, src, told) : undefined;
  const tp: PlanTarget = {
    ...t,
    ...(progress ? { progress } : {}),
    ...(r.onPartLoaded ? { onPartLoaded: r.onPartLoaded } : {}),
  };
  if (!r.first) await runPlan(plan, src, tp);
  else {
    await runPlan({ ...plan, steps: plan.steps.slice(0, 1) }, src, { ...tp, ...r.first });
    await runPlan({ ...plan, steps: plan.steps.slice(1) }, src, tp);
  }
  progress?.done();
}
