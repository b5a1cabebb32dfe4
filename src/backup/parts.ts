/**
 * A multi-stream backup: in the one exported snapshot, a schema part at the backup's key (the whole dump but the rows of
 * the parts' tables: pg_dump --exclude-table-data) and N data parts (pg_dump --data-only --table, the tables spread by
 * size) beside it, each its own stream and object with its
 * own .sha256. One part failing stops the others; whatever landed is removed, so a failed run leaves nothing.
 */
import { availableParallelism } from 'node:os';
import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import { errorMessage, noteCleanup } from '../core/errors.js';
import { formatBytes, plural } from '../core/format.js';
import { basename, checksumKey, checksumLine } from '../core/naming.js';
import { chooseStreams, exactTablePattern, partitionTables, partKey, type DataPart } from '../core/streams.js';
import type { StreamResult } from '../model/catalog.js';
import type { ManifestPart } from '../model/manifest.js';
import { tableSizes } from '../postgres/table-sizes.js';
import { deleteKeys, putText } from '../s3/objects.js';
import { streamToS3, uploadProgress, type Run } from './steps.js';

type StreamArgs = Omit<Parameters<typeof streamToS3>[1], 'part' | 'copy'> & {
  /** The second copy's upload of part `index` (0: the schema part), given its share of the queue (copy-to). */
  copyFor?: (index: number, queueSize: number) => Parameters<typeof streamToS3>[1]['copy'];
};

/** The data parts to dump, or undefined for one stream (asked, chosen by auto, or all that fits). */
export async function planParts(run: Run): Promise<DataPart[] | undefined> {
  const { o, ctx, snap } = run;
  const asked = o.streams ?? 1;
  const cores = availableParallelism();
  const streams = chooseStreams(asked, snap.server.databaseSize, cores);
  if (streams <= 1) return undefined;
  if (asked === 'auto' && (o.format !== 'custom' || o.latestCopy)) {
    const why = o.format !== 'custom' ? 'a plain dump' : 'latest-copy';
    ctx.log.info(`streams: auto would take ${streams} streams, but ${why} needs one object: one stream`);
    return undefined;
  }
  // the snapshot's own connection, already open; a second one only when that could not read them
  const sizes = (await snap.tableSizes()) ?? (await tableSizes(o.connection));
  run.progress?.sized(sizes.tables);
  const tables = snap.catalog.tables
    .filter((t) => t.kind === 'table')
    .map((t) => ({ schema: t.schema, name: t.name, bytes: sizes.tables.get(`${t.schema}.${t.name}`) ?? 0 }));
  const parts = partitionTables(tables, streams);
  if (!parts.length) {
    ctx.log.info('streams: no table to spread over data parts: one stream');
    return undefined;
  }
  const how =
    asked === 'auto' ? `auto, from ${plural(cores, 'core')} and ${formatBytes(snap.server.databaseSize)}` : 'asked';
  ctx.log.info(
    `streams: ${parts.length} data parts from one snapshot (${how}): ` +
      parts.map((p, i) => `${i + 1}: ${plural(p.tables.length, 'table')} ~${formatBytes(p.bytes)}`).join(', '),
  );
  return parts;
}

export interface StoredParts {
  /** The schema part's stream (the object at the backup's key). */
  schema: StreamResult;
  parts: ManifestPart[];
  /** Removes every part, and their sidecars (the backup's own sidecars failed after the parts landed). */
  remove(): Promise<void>;
}

/** The schema part and every data part at once; all land, with their .sha256, or nothing stays. */
export async function streamParts(run: Run, a: StreamArgs & { ext: string }, parts: DataPart[]): Promise<StoredParts> {
  const keys = [a.key, ...parts.map((_, i) => partKey(a.key, a.ext, i + 1))];
  const landed: string[] = [];
  const remove = () => removeLanded(run, landed);
  const results = await runAll(run, a, parts, keys, landed).catch(async (err) => {
    await remove();
    throw err;
  });
  try {
    for (const [i, r] of results.entries()) {
      if (i === 0) continue;
      const sidecar = checksumKey(keys[i]!);
      await putText(
        run.s3,
        { ...a.tiered, Key: sidecar, ContentType: 'text/plain', IfNoneMatch: '*' } as PutObjectCommandInput & {
          Key: string;
        },
        checksumLine(r.sha256, keys[i]!),
      ).catch((err) => {
        throw run.s3Error(err, 'writing', sidecar);
      });
      landed.push(sidecar);
    }
  } catch (err) {
    await remove();
    throw err;
  }
  const total = results.reduce((n, r) => n + r.bytes, 0);
  run.ctx.log.info(`parts: ${plural(keys.length, 'object')} stored, ${formatBytes(total)} in all`);
  return { schema: results[0]!, parts: manifestParts(parts, keys, results), remove };
}

/** Every stream at once under one signal: the first failure stops the others, and is the one reported. */
async function runAll(
  run: Run,
  a: StreamArgs,
  parts: DataPart[],
  keys: string[],
  landed: string[],
): Promise<StreamResult[]> {
  const { ctx, o } = run;
  const stop = new AbortController();
  const onCancel = () => stop.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onCancel();
  ctx.signal.addEventListener('abort', onCancel, { once: true });
  const partRun: Run = { ...run, ctx: { ...ctx, signal: stop.signal } };
  const queueSize = Math.max(1, Math.floor(o.queueSize / keys.length));
  const uploaded = keys.map(() => 0);
  const all = parts.flatMap((p) => p.tables.map(exactTablePattern));
  let first: unknown;
  const one = async (i: number): Promise<StreamResult> => {
    // the schema part: the whole dump but the parts' tables' rows; a data part: its tables' rows
    const dump =
      i === 0 ? { excludeTableData: all } : { dataOnly: true, tables: parts[i - 1]!.tables.map(exactTablePattern) };
    const onProgress = (bytes: number) => {
      uploaded[i] = bytes;
      uploadProgress(
        run,
        uploaded.reduce((n, b) => n + b, 0),
      );
    };
    try {
      const counting = i === 0 ? a.counting : Promise.resolve();
      const copy = a.copyFor?.(i, queueSize);
      const r = await streamToS3(partRun, {
        ...a,
        key: keys[i]!,
        counting,
        part: { dump, queueSize, onProgress },
        ...(copy ? { copy } : {}),
      });
      landed.push(keys[i]!);
      return r;
    } catch (err) {
      first ??= err;
      stop.abort(first);
      throw err;
    }
  };
  try {
    const settled = await Promise.allSettled(keys.map((_, i) => one(i)));
    if (first !== undefined) throw first;
    return settled.map((s) => (s as PromiseFulfilledResult<StreamResult>).value);
  } finally {
    ctx.signal.removeEventListener('abort', onCancel);
  }
}

function manifestParts(parts: DataPart[], keys: string[], results: StreamResult[]): ManifestPart[] {
  return parts.map((p, i) => ({
    key: keys[i + 1]!,
    size: results[i + 1]!.bytes,
    rawSize: results[i + 1]!.rawBytes ?? null,
    sha256: results[i + 1]!.sha256,
    tables: p.tables.map((t) => `${t.schema}.${t.name}`),
  }));
}

async function removeLanded(run: Run, landed: string[]): Promise<void> {
  if (!landed.length) return;
  const keys = landed.splice(0);
  await deleteKeys(run.s3, run.o.s3.bucket, keys).then(
    () => noteCleanup(run.ctx.signal, `the parts stored so far were removed (${keys.map(basename).join(', ')})`),
    (err) => {
      const line = `could not remove ${keys.join(', ')} after the failure: ${errorMessage(err)}`;
      run.ctx.log.warning(line);
      noteCleanup(run.ctx.signal, line);
    },
  );
}
