/**
 * Reading a downloaded backup back: file → [decrypt stages] → decompress → a consumer process's stdin
 * (pg_restore, psql, or pg_restore -f /dev/null for verify). Like the backup, uncompressed bytes go from the
 * zstd child straight to the consumer's stdin without passing through JavaScript.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import type { Duplex, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CodecPlan } from './compress.js';
import { spawnTool, type Proc } from '../postgres/process.js';

export interface Consumer {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  /** Told each line of its stderr (its --verbose progress); true: not kept for its failure message. */
  onLine?: (line: string) => boolean;
}

export interface DecodeSpec {
  file: string;
  /** In-stream stages before decompression (decryption). */
  stages?: Duplex[];
  decompress: CodecPlan;
  signal?: AbortSignal;
}

function killOnAbort(signal: AbortSignal | undefined, procs: Proc[]): () => void {
  const kill = () => {
    for (const p of procs) p.kill();
  };
  signal?.addEventListener('abort', kill, { once: true });
  return () => signal?.removeEventListener('abort', kill);
}

const lineReader = (c: Consumer) => (c.onLine ? { onLine: c.onLine } : {});

/** Runs a consumer that reads its input itself (pg_restore --jobs of a file). */
export async function runConsumer(consumer: Consumer, signal?: AbortSignal): Promise<void> {
  const proc = spawnTool(consumer.name, consumer.command, consumer.args, {
    env: consumer.env,
    stdio: ['ignore', 'ignore', 'pipe'],
    ...lineReader(consumer),
  });
  const release = killOnAbort(signal, [proc]);
  try {
    await proc.exited.catch((err) => {
      throw signal?.aborted ? signal.reason : err;
    });
  } finally {
    release();
  }
}

/** Decodes `file` into a consumer process's stdin. */
export async function decodeInto(spec: DecodeSpec, consumer: Consumer): Promise<void> {
  const stages = spec.stages ?? [];
  const procs: Proc[] = [];
  let feed: Promise<void> = Promise.resolve();
  let proc: Proc;
  if (spec.decompress.kind === 'process') {
    const direct = stages.length === 0;
    const dec = spawnTool('zstd', spec.decompress.command, [...spec.decompress.args, ...(direct ? [spec.file] : [])], {
      stdio: [direct ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    proc = spawnTool(consumer.name, consumer.command, consumer.args, {
      env: consumer.env,
      stdio: [dec.child.stdout!, 'ignore', 'pipe'],
      ...lineReader(consumer),
    });
    dec.child.stdout!.destroy();
    procs.push(proc, dec);
    if (!direct) feed = pipeline([createReadStream(spec.file), ...stages, dec.child.stdin!]);
  } else {
    proc = spawnTool(consumer.name, consumer.command, consumer.args, {
      env: consumer.env,
      stdio: ['pipe', 'ignore', 'pipe'],
      ...lineReader(consumer),
    });
    procs.push(proc);
    const decompress = spec.decompress.kind === 'stream' ? [spec.decompress.create()] : [];
    feed = pipeline([createReadStream(spec.file), ...stages, ...decompress, proc.child.stdin! as Writable]);
  }
  const release = killOnAbort(spec.signal, procs);
  try {
    const settled = await Promise.allSettled([feed, ...procs.map((p) => p.exited)]);
    if (spec.signal?.aborted) throw spec.signal.reason;
    // a damaged or undecryptable input is the reason the consumer saw garbage: report the decoder first,
    // unless the consumer failed on its own (e.g. a SQL error) while the input was fine
    const [feedResult, consumerResult, ...decoders] = settled;
    for (const r of [...decoders, feedResult, consumerResult]) {
      if (r?.status === 'rejected' && !isBrokenPipe(r.reason)) throw r.reason;
    }
  } finally {
    release();
  }
}

function isBrokenPipe(err: unknown): boolean {
  const e = err as { code?: string; stderr?: string };
  // the consumer stopped reading (it failed, and its failure is the reason): a write error on the socketpair
  return (
    e?.code === 'EPIPE' || e?.code === 'ECONNRESET' || /broken pipe|connection reset|write error/i.test(e?.stderr ?? '')
  );
}

/** Decodes `file` to another file (parallel pg_restore needs a seekable archive). */
export async function decodeToFile(spec: DecodeSpec, to: string): Promise<void> {
  const stages = spec.stages ?? [];
  if (spec.decompress.kind === 'process') {
    const out = createWriteStream(to, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', reject);
    });
    const direct = stages.length === 0;
    const dec = spawnTool('zstd', spec.decompress.command, [...spec.decompress.args, ...(direct ? [spec.file] : [])], {
      stdio: [direct ? 'ignore' : 'pipe', out, 'pipe'],
    });
    const feed = direct ? Promise.resolve() : pipeline([createReadStream(spec.file), ...stages, dec.child.stdin!]);
    try {
      const [f, d] = await Promise.allSettled([feed, dec.exited]);
      if (f.status === 'rejected') throw f.reason;
      if (d.status === 'rejected') throw d.reason;
    } finally {
      out.close();
    }
    return;
  }
  const decompress = spec.decompress.kind === 'stream' ? [spec.decompress.create()] : [];
  await pipeline([createReadStream(spec.file), ...stages, ...decompress, createWriteStream(to, { mode: 0o600 })]);
}
