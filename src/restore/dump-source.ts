/**
 * A proven download as the restore reads it, with no decoded copy on disk: a custom archive's head (header and table
 * of contents, read from the head of the decoding stream) kept beside the download for the pre-flight and the schema
 * sections, the data read from the decoding stream; plain SQL read from the decoding stream. A decoded copy only when
 * the plan asks for one.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../model/context.js';
import type { RestorePlan, RestoreStep } from '../core/restore-plan.js';
import { allBounded } from '../core/bounded.js';
import { pgRestoreArgs, psqlRestoreArgs, selectionArgs, type RestoreFlags } from '../postgres/argv.js';
import { decodeInto, decodeToFile, runConsumer, type Consumer } from '../stream/decode.js';
import { decodedStream, readArchiveHead } from '../stream/head.js';
import type { Proven } from '../store/readback.js';
import type { ToolLines } from '../core/work-progress.js';
import { verboseReader } from '../postgres/verbose.js';
import { runTool } from '../postgres/process.js';
import { earlyByPart, parseTocDeps, useList, type TocItem } from './early-post-data.js';

export interface DumpSource {
  format: string;
  proven: Proven;
  /** A custom archive's head on disk; undefined for plain SQL. */
  head?: string;
  /** How many decoded bytes were read for the head. */
  headBytes?: number;
  /** The decoded copy, once made (decoded-copy only). */
  copy?: string;
  /** A multi-stream backup's data parts, in order (each with its own head). */
  parts?: DumpSource[];
  /** A data part's tables, by "schema.name" (the manifest's words). */
  tables?: string[];
}

/** Reads a custom archive's head from its decoding stream (pg_restore --list stops after the table of contents). */
export async function openDumpSource(
  proven: Proven,
  format: string,
  pgRestore: string,
  env: Record<string, string | undefined>,
  log?: Logger,
): Promise<DumpSource> {
  if (format !== 'custom') return { format, proven };
  const file = path.join(proven.fetched.dir, 'archive-head.dump');
  const consumer = { name: 'pg_restore', command: pgRestore, args: ['--list'], env };
  const head = await readArchiveHead(proven.spec(), consumer, file);
  log?.info(`archive head: ${head.bytes} bytes read from the decoding stream (header and table of contents)`);
  return { format, proven, head: file, headBytes: head.bytes };
}

/** A multi-stream backup's data parts as sources of the plan (each read from its decoding stream only), with their tables. */
export function withParts(src: DumpSource, parts: Proven[], listed: Array<{ tables: string[] }> = []): DumpSource {
  if (parts.length)
    src.parts = parts.map((proven, i) => ({ format: 'custom', proven, tables: listed[i]?.tables ?? [] }));
  return src;
}

/** What the pre-flight reads: the archive's head, or the plain SQL's decoding stream. */
export function needsInput(src: DumpSource): string | (() => Readable) {
  return src.head ?? (() => decodedStream(src.proven.spec()).out);
}

/** The whole decoded text (the globals: a few kB of SQL), in memory. */
export async function decodedText(proven: Proven): Promise<string> {
  const chunks: Buffer[] = [];
  const decoding = decodedStream(proven.spec());
  for await (const chunk of decoding.out as AsyncIterable<Buffer>) chunks.push(chunk);
  const failed = await decoding.done;
  if (failed) throw failed;
  return Buffer.concat(chunks).toString('utf8');
}

export interface PlanTarget {
  flags: RestoreFlags;
  dbUrl: string;
  /** pg_restore, or psql for plain SQL. */
  command: string;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  /** Counts what each pg_restore step does (pg_restore --verbose), for the restore's progress. */
  progress?: { step(jobs: number): ToolLines };
  /** Told when a data part's pg_restore has finished: its tables' rows are all in. */
  onPartLoaded?: (part: number) => void;
}

/**
 * Runs the plan's steps in order, each one pg_restore (or psql) on its source; the steps of one wave side by side, at
 * most `plan.atOnce` of them at a time: the first to fail stops the others (a waiting one never starts) and is the one
 * reported. With `plan.earlyIndexes`, a wave followed by post-data also builds each loaded part's own indexes and
 * constraints while the other parts load, in one more place of the wave, and the post-data step builds the rest.
 */
export async function runPlan(plan: RestorePlan, src: DumpSource, t: PlanTarget): Promise<void> {
  const steps = plan.steps;
  const postDataAfterWave = steps.some((s, k) => s.wave !== undefined && isPostData(steps[k + 1]));
  const early =
    plan.earlyIndexes && postDataAfterWave && src.head && src.parts?.length ? earlyIndexes(src, t) : undefined;
  for (let i = 0; i < steps.length; ) {
    const wave = steps[i]!.wave;
    let end = i + 1;
    while (wave !== undefined && end < steps.length && steps[end]!.wave === wave) end++;
    if (end - i === 1) {
      const step = early ? await early.rest(steps[i]!) : steps[i]!;
      if (step) await runStep(step, src, t);
    } else if (early && isPostData(steps[end])) {
      const loads = steps.slice(i, end).map((step) => async (signal: AbortSignal) => {
        await runStep(step, src, { ...t, signal });
        early.loaded(step.part);
      });
      await allBounded([...loads, early.drain], plan.atOnce ?? loads.length + 1, t.signal, async () => undefined);
    } else {
      const tasks = steps.slice(i, end).map((step) => (signal: AbortSignal) => runStep(step, src, { ...t, signal }));
      await allBounded(tasks, plan.atOnce ?? tasks.length, t.signal, async () => undefined);
    }
    i = end;
  }
}

/**
 * The early indexes of a multi-stream restore: `drain` is the wave's last task, so it starts only once every load has
 * started and one has finished; it builds what the loaded parts allow, one pg_restore at a time, while a load still
 * runs. `rest` turns the post-data step into the entries not built early (the step itself when none was).
 */
function earlyIndexes(src: DumpSource, t: PlanTarget) {
  const dir = path.dirname(src.head!);
  const listing = listEntries(src, t);
  // a listing that fails leaves the post-data step whole, as without this
  listing.catch(() => undefined);
  const loadedParts = new Set<number>();
  const built = new Set<number>();
  let loadsLeft = (src.parts?.length ?? 0) + 1;
  let wake: (() => void) | undefined;
  let batches = 0;
  let postData: TocItem[] | undefined;
  /** Resolves when the next load ends; rejects when the wave is stopped. */
  const nextLoad = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const stop = () => reject(signal.reason);
      if (signal.aborted) return stop();
      signal.addEventListener('abort', stop, { once: true });
      wake = () => {
        wake = undefined;
        signal.removeEventListener('abort', stop);
        resolve();
      };
    });
  return {
    loaded(part: number | undefined): void {
      loadsLeft--;
      if (part !== undefined) loadedParts.add(part);
      wake?.();
    },
    async drain(signal: AbortSignal): Promise<void> {
      const listed = await listing.catch(() => undefined);
      if (!listed) return;
      postData = listed.postData;
      // once the last load is done, what is left is the post-data step's, with all its jobs
      while (loadsLeft > 0) {
        const ready = [...loadedParts].flatMap((p) => listed.byPart.get(p) ?? []).filter((e) => !built.has(e.id));
        if (ready.length) {
          const list = path.join(dir, `early-post-data-${++batches}.list`);
          await writeFile(list, useList(ready));
          await runStep({ source: 'head', section: 'post-data', jobs: 1, list }, src, { ...t, signal });
          for (const e of ready) built.add(e.id);
        } else await nextLoad(signal);
      }
    },
    /** The step itself, the post-data step without what was built early, or undefined when nothing is left of it. */
    async rest(step: RestoreStep): Promise<RestoreStep | undefined> {
      if (!built.size || !postData || !isPostData(step)) return step;
      const left = postData.filter((e) => !built.has(e.id));
      if (!left.length) return undefined;
      const list = path.join(dir, 'post-data.list');
      await writeFile(list, useList(left));
      return { ...step, list };
    },
  };
}

/** The post-data step read from the archive's head (the schema part's, for a multi-stream backup). */
const isPostData = (step: RestoreStep | undefined): boolean => step?.source === 'head' && step.section === 'post-data';

/** The schema part's entries (for its tables' names) and the post-data step's, with their dependencies. */
async function listEntries(src: DumpSource, t: PlanTarget) {
  const list = (args: string[]) =>
    runTool('pg_restore', t.command, ['--list', '--verbose', ...args, src.head!], t.env).then(parseTocDeps);
  const [all, postData] = await Promise.all([
    list([]),
    list(['--section=post-data', ...selectionArgs({ ...t.flags, schemaOnly: false, dataOnly: false })]),
  ]);
  const tables = (src.parts ?? []).map((p) => p.tables ?? []);
  return { postData, byPart: earlyByPart(all, postData, tables) };
}

async function runStep(step: RestoreStep, whole: DumpSource, t: PlanTarget): Promise<void> {
  const src = step.part ? whole.parts?.[step.part - 1] : whole;
  if (!src) throw new Error(`the restore plan reads data part ${step.part}, which was not downloaded`);
  const spec = { ...src.proven.spec(), signal: t.signal };
  if (src.format !== 'custom') {
    const args = psqlRestoreArgs({ dbUrl: t.dbUrl, singleTransaction: t.flags.singleTransaction });
    await decodeInto(spec, { name: 'psql', command: t.command, args, env: t.env });
    return;
  }
  const file = await fileOf(step, src);
  const lines = t.progress?.step(step.jobs);
  const args = [...stepArgs(step, t, file), ...(lines ? ['--verbose'] : [])];
  const consumer: Consumer = { name: 'pg_restore', command: t.command, args, env: t.env };
  if (lines) consumer.onLine = verboseReader('pg_restore', lines);
  if (file) await runConsumer(consumer, t.signal);
  else await decodeInto(spec, consumer);
  lines?.end();
  if (step.part !== undefined) t.onPartLoaded?.(step.part);
}

async function fileOf(step: RestoreStep, src: DumpSource): Promise<string | undefined> {
  if (step.source === 'head') return src.head;
  if (step.source !== 'copy') return undefined;
  if (!src.copy) {
    const copy = path.join(src.proven.fetched.dir, 'archive.dump');
    await decodeToFile(src.proven.spec(), copy);
    src.copy = copy;
  }
  return src.copy;
}

/** A section's step drops (clean) only in the schema sections and leaves the selection to --section. */
export function stepArgs(step: RestoreStep, t: Pick<PlanTarget, 'flags' | 'dbUrl'>, file?: string): string[] {
  const sections = step.section ? [step.section].flat() : [];
  const flags = sections.length
    ? { ...t.flags, schemaOnly: false, dataOnly: false, clean: t.flags.clean && sections.some((s) => s !== 'data') }
    : t.flags;
  return [
    ...pgRestoreArgs({ ...flags, jobs: step.jobs, dbUrl: t.dbUrl }),
    ...sections.map((s) => `--section=${s}`),
    ...(step.list ? [`--use-list=${step.list}`] : []),
    ...(file ? [file] : []),
  ];
}
