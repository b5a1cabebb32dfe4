/**
 * The backup's data path, one stream: pg_dump stdout → compressor → SHA-256 + byte count → sink (the S3 upload).
 * The stream is only allowed to end once every process in it exited 0: a pg_dump that fails after a clean EOF
 * must never complete an object.
 */
import type { StreamResult } from '../model/catalog.js';
import { createHash } from 'node:crypto';
import { Transform, type Duplex, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CodecPlan } from './compress.js';
import { parseZstdSizes } from './compress.js';
import { spawnTool, ToolError, type Proc } from '../postgres/process.js';
import { StallWatch, type StallWatchOptions } from './stall-watch.js';

export interface BackupStreamSpec {
  /** The dumping tool (pg_dump, or pg_dumpall for the globals); `tool` names it in errors. */
  dump: {
    command: string;
    args: string[];
    env: Record<string, string | undefined>;
    tool?: string;
    /** Told each line of the tool's stderr (its --verbose progress); true: not kept for its failure message. */
    onLine?: (line: string) => boolean;
  };
  compressor: CodecPlan;
  /** Extra in-stream stages after compression (encryption). */
  stages?: Duplex[];
  sink: Writable;
  signal?: AbortSignal;
  /** Work that must succeed before the object may complete (the manifest's exact row counts). */
  alsoWaitFor?: Promise<unknown>;
  /** The watchdog on the dump's output (pg-stall-timeout); none: wait as long as it takes. */
  stall?: Omit<StallWatchOptions, 'onStall'>;
}

/** Counts and hashes what passes; holds back the end of the stream until `gate` settles. */
class HashGate extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(private readonly gate: () => Promise<void>) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null, data?: Buffer) => void) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    cb(null, chunk);
  }
  override _flush(cb: (err?: Error | null) => void) {
    this.gate().then(() => cb(), cb);
  }
}

class Counter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null, data?: Buffer) => void) {
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

export async function runBackupStream(spec: BackupStreamSpec): Promise<StreamResult> {
  const procs: Proc[] = [];
  const dump = spawnTool(spec.dump.tool ?? 'pg_dump', spec.dump.command, spec.dump.args, {
    env: spec.dump.env,
    ...(spec.dump.onLine ? { onLine: spec.dump.onLine } : {}),
  });
  procs.push(dump);
  let source: Readable;
  let transforms: Transform[] = [];
  let rawCounter: Counter | undefined;
  let zstd: Proc | undefined;

  if (spec.compressor.kind === 'process') {
    // hand pg_dump's stdout to the compressor as its stdin: the raw dump never enters this process
    zstd = spawnTool('zstd', spec.compressor.command, spec.compressor.args, {
      stdio: [dump.child.stdout!, 'pipe', 'pipe'],
    });
    dump.child.stdout!.destroy();
    procs.push(zstd);
    source = zstd.child.stdout!;
  } else {
    source = dump.child.stdout!;
    rawCounter = new Counter();
    transforms = spec.compressor.kind === 'stream' ? [rawCounter, spec.compressor.create()] : [rawCounter];
  }

  // pg_dump's verdict first: when it fails, the compressor's EOF is a consequence, not the reason
  const allExited = async () => {
    for (const p of procs) await p.exited;
    await spec.alsoWaitFor;
  };
  const gate = new HashGate(allExited);
  const killAll = () => {
    for (const p of procs) p.kill('SIGTERM');
  };
  spec.signal?.addEventListener('abort', killAll, { once: true });
  const watch = spec.stall ? [new StallWatch({ ...spec.stall, onStall: killAll })] : [];
  try {
    await pipeline([source, ...watch, ...transforms, ...(spec.stages ?? []), gate, spec.sink], {
      signal: spec.signal,
    });
  } catch (err) {
    killAll();
    // prefer the tool's own words (pg_dump: "permission denied for table …") over a stream-level symptom
    const settled = await Promise.allSettled(procs.map((p) => p.exited));
    if (spec.signal?.aborted) throw spec.signal.reason ?? err;
    const toolError = settled.find(
      (s, i): s is PromiseRejectedResult =>
        s.status === 'rejected' &&
        s.reason instanceof ToolError &&
        s.reason.signal === null &&
        // a tool we stopped ourselves (pg_dump answers SIGTERM with exit 1, "terminated by user") or a broken pipe
        // is our own teardown, not the reason: the stream's error (e.g. the S3 error) is
        !procs[i]!.stopped &&
        !/broken pipe|could not write to output/i.test(s.reason.stderr),
    );
    throw toolError ? toolError.reason : err;
  } finally {
    spec.signal?.removeEventListener('abort', killAll);
  }
  const rawBytes = rawCounter ? rawCounter.bytes : zstd ? parseZstdSizes(zstd.stderr())?.raw : undefined;
  return { bytes: gate.bytes, rawBytes, sha256: gate.hash.digest('hex') };
}
