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
import { pgRestoreArgs, psqlRestoreArgs, type RestoreFlags } from '../postgres/argv.js';
import { decodeInto, decodeToFile, runConsumer, type Consumer } from '../stream/decode.js';
import { decodedStream, readArchiveHead } from '../stream/head.js';
import type { Proven } from '../store/readback.js';

export interface DumpSource {
  format: string;
  proven: Proven;
  /** A custom archive's head on disk; undefined for plain SQL. */
  head?: string;
  /** How many decoded bytes were read for the head. */
  headBytes?: number;
  /** The decoded copy, once made (decoded-copy only). */
  copy?: string;
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
}

/** Runs the plan's steps in order, each one pg_restore (or psql) on its source. */
export async function runPlan(plan: RestorePlan, src: DumpSource, t: PlanTarget): Promise<void> {
  for (const step of plan.steps) {
    if (src.format !== 'custom') {
      const args = psqlRestoreArgs({ dbUrl: t.dbUrl, singleTransaction: t.flags.singleTransaction });
      await decodeInto(src.proven.spec(), { name: 'psql', command: t.command, args, env: t.env });
      continue;
    }
    const file = await fileOf(step, src);
    const consumer: Consumer = { name: 'pg_restore', command: t.command, args: stepArgs(step, t, file), env: t.env };
    if (file) await runConsumer(consumer, t.signal);
    else await decodeInto(src.proven.spec(), consumer);
  }
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
  const flags = step.section
    ? { ...t.flags, schemaOnly: false, dataOnly: false, clean: t.flags.clean && step.section !== 'data' }
    : t.flags;
  return [
    ...pgRestoreArgs({ ...flags, jobs: step.jobs, dbUrl: t.dbUrl }),
    ...(step.section ? [`--section=${step.section}`] : []),
    ...(file ? [file] : []),
  ];
}
