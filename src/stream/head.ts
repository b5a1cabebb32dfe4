/**
 * The head of a decoding stream, without decoding the rest: a custom archive written to a pipe carries its header and
 * table of contents first, so `pg_restore --list` reading the stream stops after them. The bytes it read are kept in a
 * small file (the archive's head) that serves the schema sections; the decoder is stopped once pg_restore has exited.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { spawnTool, type Proc } from '../postgres/process.js';
import type { Consumer, DecodeSpec } from './decode.js';

interface Decoding {
  out: Readable;
  /** Settles when the decoder has finished (or was stopped). */
  done: Promise<unknown>;
  stop(): void;
}

/** The decoded bytes of `spec` as a stream (zstd's binary as a child, or Node's own stages). */
export function decodedStream(spec: DecodeSpec): Decoding {
  const stages = spec.stages ?? [];
  if (spec.decompress.kind === 'process') {
    const direct = stages.length === 0;
    const dec = spawnTool('zstd', spec.decompress.command, [...spec.decompress.args, ...(direct ? [spec.file] : [])], {
      stdio: [direct ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const input = createReadStream(spec.file);
    const feed = direct ? Promise.resolve() : pipeline([input, ...stages, dec.child.stdin!]);
    return {
      out: dec.child.stdout!,
      done: Promise.allSettled([feed, dec.exited]).then(([f, d]) => firstFailure(dec, f, d)),
      stop: () => {
        input.destroy();
        dec.kill();
      },
    };
  }
  const input = createReadStream(spec.file);
  const decompress = spec.decompress.kind === 'stream' ? [spec.decompress.create()] : [];
  const out = new PassThrough();
  let stopped = false;
  const done = pipeline([input, ...stages, ...decompress, out]).then(
    () => undefined,
    (err: unknown) => (stopped ? undefined : err),
  );
  return {
    out,
    done,
    stop: () => {
      stopped = true;
      input.destroy();
      out.destroy();
    },
  };
}

function firstFailure(dec: Proc, ...r: PromiseSettledResult<unknown>[]): unknown {
  if (dec.stopped) return undefined;
  const bad = r.find((x) => x.status === 'rejected') as PromiseRejectedResult | undefined;
  return bad?.reason;
}

export interface ArchiveHead {
  /** pg_restore --list's output. */
  list: string;
  /** The bytes pg_restore read (and a little more): header and table of contents, a valid archive for the schema. */
  file: string;
  bytes: number;
}

/**
 * Runs `consumer` (pg_restore --list reading stdin) on the decoding stream and keeps every byte it was given in
 * `headFile`; stops the decoder once it exits. The whole archive is decoded only if its reader never stops.
 */
export async function readArchiveHead(spec: DecodeSpec, consumer: Consumer, headFile: string): Promise<ArchiveHead> {
  const decoding = decodedStream(spec);
  const head = createWriteStream(headFile, { mode: 0o600 });
  const proc = spawnTool(consumer.name, consumer.command, consumer.args, {
    env: consumer.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let list = '';
  proc.child.stdout!.setEncoding('utf8');
  proc.child.stdout!.on('data', (chunk: string) => {
    list += chunk;
  });
  const stdin = proc.child.stdin!;
  stdin.on('error', () => undefined); // pg_restore stops reading once it has the table of contents
  let bytes = 0;
  let exited = false;
  const onAbort = () => {
    decoding.stop();
    proc.kill();
  };
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  const feed = (async () => {
    for await (const chunk of decoding.out as AsyncIterable<Buffer>) {
      if (exited) break;
      bytes += chunk.length;
      if (!head.write(chunk)) await new Promise<void>((r) => head.once('drain', () => r()));
      if (!stdin.write(chunk)) await new Promise<void>((r) => (exited ? r() : stdin.once('drain', () => r())));
    }
    stdin.end();
  })();
  try {
    await proc.exited.finally(() => {
      exited = true;
      stdin.emit('drain');
      decoding.stop();
    });
    await feed.catch(() => undefined);
    const failed = await decoding.done;
    if (failed && bytes === 0) throw failed;
  } catch (err) {
    if (spec.signal?.aborted) throw spec.signal.reason;
    const failed = await decoding.done;
    throw failed ?? err;
  } finally {
    spec.signal?.removeEventListener('abort', onAbort);
    await new Promise((r) => head.end(r));
  }
  return { list, file: headFile, bytes };
}
