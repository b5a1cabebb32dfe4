/**
 * A proven download as the restore reads it, with no decoded copy on disk: a custom archive's head (header and table
 * of contents, read from the head of the decoding stream) kept beside the download for the pre-flight and the schema
 * sections, the data read from the decoding stream; plain SQL read from the decoding stream. A decoded copy only when
 * the plan asks for one.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../model/context.js';
import type { RestorePlan, RestoreStep } from '../core/restore-plan.js';
import { allBounded } from '../core/bounded.js';
import { pgRestoreArgs, psqlRestoreArgs, type RestoreFlags } from '../postgres/argv.js';
import { decodeInto, decodeToFile, runConsumer, type Consumer } from '../stream/decode.js';
import { decodedStream, readArchiveHead } from '../stream/head.js';
import type { Proven } from '../store/readback.js';
import type { ToolLines } from '../core/work-progress.js';
import { verboseReader } from '../postgres/verbose.js';

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

/** A multi-stream backup's data parts as sources of the plan: each read from its decoding stream only. */
export function withParts(src: DumpSource, parts: Proven[]): DumpSource {
  if (parts.length) src.parts = parts.map((proven) => ({ format: 'custom', proven }));
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
 * reported.
 */
export async function runPlan(plan: RestorePlan, src: DumpSource, t: PlanTarget): Promise<void> {
  const steps = plan.steps;
  for (let i = 0; i < steps.length; ) {
    const wave = steps[i]!.wave;
    let end = i + 1;
    while (wave !== undefined && end < steps.length && steps[end]!.wave === wave) end++;
    if (end - i === 1) await runStep(steps[i]!, src, t);
    else {
      const tasks = steps.slice(i, end).map((step) => (signal: AbortSignal) => runStep(step, src, { ...t, signal }));
      await allBounded(tasks, plan.atOnce ?? tasks.length, t.signal, async () => undefined);
    }
    i = end;
  }
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
    ...(file ? [file] : []),
  ];
}
