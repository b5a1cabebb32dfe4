/** Downloads an object to a file, resuming a broken body from the last byte written. */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { addAbortSignal, type Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { errorMessage, UserError } from '../core/errors.js';
import { s3ErrorCode } from './describe-error.js';
import { timeoutOf, transportOf } from './transport.js';

export interface DownloadOptions {
  /** Attempts in a row that may bring no new byte before the download fails (default 5). */
  maxRetries?: number;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told of every resume. */
  onResume?: (r: { bytes: number; total?: number; attempt: number; reason: string }) => void;
  /**
   * The same bytes elsewhere (the other site), asked for once when this source fails for good; undefined when it
   * does not hold them. The download continues there at the same offset.
   */
  alternate?: () => Promise<Source | undefined>;
  /** Told when the download continues from the alternate. */
  onSwitch?: (r: { bytes: number; total?: number; to: Source; reason: string }) => void;
}

/** Where an object is read from. */
interface Source {
  client: S3Client;
  bucket: string;
  key: string;
}

/**
 * Streams an object to a file, hashing on the way. A body that breaks (a reset, a stall past s3-timeout, a connection
 * closed early) is resumed from the last byte written: GetObject with Range: bytes=N- and If-Match: the ETag first
 * seen, so a replaced object is never stitched to the old one. Bytes are hashed as they are written to the file, each
 * exactly once and in order, so the hash is the final file's.
 */
export async function downloadToFile(
  client: S3Client,
  bucket: string,
  key: string,
  file: string,
  signal?: AbortSignal,
  onProgress?: (bytes: number) => void,
  o: DownloadOptions = {},
): Promise<{ bytes: number; sha256: string; resumes: number }> {
  const out = new HashingFile(file, await open(file, 'w', 0o600), onProgress);
  const t: Transfer = { client, bucket, key, signal, out, o, resumes: 0, stuck: 0, switched: false };
  try {
    while (!(await attempt(t))) {
      // resumed: the next attempt asks for the bytes after the last one written
    }
  } catch (err) {
    annotateTimeout(t.client, err);
    throw err;
  } finally {
    await out.close();
  }
  return { bytes: out.bytes, sha256: out.digest(), resumes: t.resumes };
}

/** One download in progress: where it reads from, what the first answer said, and how its resumes went. */
interface Transfer {
  client: S3Client;
  bucket: string;
  key: string;
  signal?: AbortSignal;
  out: HashingFile;
  o: DownloadOptions;
  /** The ETag and size of the first answer; every resume must be of the same object. */
  etag?: string;
  total?: number;
  resumes: number;
  /** Attempts in a row that brought no new byte. */
  stuck: number;
  /** Continued from the alternate already (once at most). */
  switched: boolean;
}

/** One GetObject and its body written to the file: true once every byte is written, false to resume. */
async function attempt(t: Transfer): Promise<boolean> {
  const from = t.out.bytes;
  let res: GetObjectCommandOutput | undefined;
  try {
    res = from === 0 && t.etag === undefined ? await firstRequest(t) : await resumeRequest(t, t.etag, from);
    await receive(t, res.Body as Readable);
    return true;
  } catch (err) {
    (res?.Body as Readable | undefined)?.destroy();
    return await afterBreak(t, err, from);
  }
}

/** The whole object; its ETag and size are kept for the resumes. */
async function firstRequest(t: Transfer): Promise<GetObjectCommandOutput> {
  const res = await t.client.send(new GetObjectCommand({ Bucket: t.bucket, Key: t.key }), { abortSignal: t.signal });
  t.etag = res.ETag;
  t.total = res.ContentLength;
  return res;
}

/**
 * The bytes from `from` on, of the same object only (If-Match), checked against the Content-Range answered. Without
 * an ETag (the first request to the alternate) any version answers, and its ETag binds the resumes after it: the
 * whole file's SHA-256 is what proves the result.
 */
async function resumeRequest(t: Transfer, etag: string | undefined, from: number): Promise<GetObjectCommandOutput> {
  const range = `bytes=${from}-`;
  const res = await t.client
    .send(new GetObjectCommand({ Bucket: t.bucket, Key: t.key, Range: range, ...(etag ? { IfMatch: etag } : {}) }), {
      abortSignal: t.signal,
    })
    .catch((err) => {
      if (etag && (s3ErrorCode(err) === 'PreconditionFailed' || statusOf(err) === 412)) {
        throw new Refused(
          `s3://${t.bucket}/${t.key} was replaced during the download (its ETag is no longer ${etag}): run again`,
          { cause: err },
        );
      }
      throw err;
    });
  t.etag ??= res.ETag;
  const answered = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.ContentRange ?? '');
  if (!answered || Number(answered[1]) !== from || (t.total !== undefined && Number(answered[3]) !== t.total)) {
    (res.Body as Readable | undefined)?.destroy();
    throw new Refused(
      `resuming s3://${t.bucket}/${t.key} at byte ${from}: the server answered ${res.ContentRange ? `Content-Range ${res.ContentRange}` : 'without a Content-Range'}`,
    );
  }
  return res;
}

const statusOf = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** At most this much of a body waits for the disk before the body is read further. */
const HELD_BYTES = 1024 * 1024;

/** Writes a body to the file; a body that ends before the size first answered is a break. */
async function receive(t: Transfer, raw: Readable): Promise<void> {
  // one write at a time, of every chunk received while the one before was written: a chunk goes to disk as soon as
  // the disk is free, and what was received before a break is on disk before the break is handled
  const body = t.signal ? addAbortSignal(t.signal, raw) : raw;
  let held: Buffer[] = [];
  let heldBytes = 0;
  let writing: Promise<void> | undefined;
  let failed: { err: unknown } | undefined;
  const drain = async () => {
    try {
      while (held.length && !failed) {
        const chunks = held;
        held = [];
        heldBytes = 0;
        await t.out.write(chunks);
      }
    } catch (err) {
      failed = { err };
    } finally {
      writing = undefined;
    }
  };
  try {
    for await (const chunk of body) {
      if (failed) break;
      held.push(chunk as Buffer);
      heldBytes += (chunk as Buffer).length;
      writing ??= drain();
      if (heldBytes >= HELD_BYTES) await writing;
    }
  } finally {
    await writing;
    await drain();
    // a disk error is the reason, whatever the body did: it is never retried
    // biome-ignore lint/correctness/noUnsafeFinally: the write's failure replaces the body's
    if (failed) throw failed.err;
  }
  if (t.total !== undefined && t.out.bytes < t.total)
    throw new BrokenBody(`the connection closed after ${t.out.bytes} of ${t.total} bytes`);
}

/**
 * After a broken body: true when every byte had arrived anyway; false to resume, after a backoff; throws when the
 * break is not to be resumed (cancelled, a disk error, no ETag to resume against, too many attempts without progress).
 */
async function afterBreak(t: Transfer, err: unknown, from: number): Promise<boolean> {
  if (t.signal?.aborted) throw t.signal.reason ?? err;
  if (err instanceof DiskError || err instanceof Refused) throw err;
  if (t.total !== undefined && t.out.bytes >= t.total) return true; // every byte arrived before the connection broke
  t.stuck = t.out.bytes > from ? 0 : t.stuck + 1;
  // an answer that retrying cannot change (no such key, access denied), no ETag to resume against, or no progress
  const final = !t.etag || answeredFinally(err) || t.stuck > (t.o.maxRetries ?? 5);
  if (final) {
    if (await switchSource(t, err)) return false;
    throw err;
  }
  t.resumes++;
  t.o.onResume?.({
    bytes: t.out.bytes,
    total: t.total,
    attempt: t.resumes,
    reason: describeBreak(err, transportOf(t.client)?.timeoutMs),
  });
  await (t.o.sleep ?? abortableSleep)(backoffMs(t.stuck), t.signal);
  return false;
}

/** A 4xx answer but a timeout or throttling: the same request would get it again. */
function answeredFinally(err: unknown): boolean {
  const status = statusOf(err);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Continues from the alternate at the same offset, once; false when there is none or it lacks the bytes. */
async function switchSource(t: Transfer, err: unknown): Promise<boolean> {
  if (t.switched || !t.o.alternate) return false;
  t.switched = true;
  const to = await t.o.alternate().catch(() => undefined);
  if (!to) return false;
  const reason = describeBreak(err, transportOf(t.client)?.timeoutMs);
  t.o.onSwitch?.({ bytes: t.out.bytes, total: t.total, to, reason });
  Object.assign(t, { client: to.client, bucket: to.bucket, key: to.key, etag: undefined, stuck: 0 });
  return true;
}

/** Attempts in a row that brought nothing: bounded, and each waits twice as long as the one before. */
function backoffMs(stuck: number): number {
  return Math.min(200 * 2 ** Math.max(0, stuck - 1), 10_000);
}

class BrokenBody extends Error {
  override name = 'BrokenBody';
}

/** An answer that says the download cannot go on from this object (replaced, a wrong range): never retried. */
class Refused extends UserError {
  override name = 'Refused';
}

/** A failure writing the local file (a full disk): never retried. */
class DiskError extends UserError {
  override name = 'DiskError';
}

function describeBreak(err: unknown, timeoutMs?: number): string {
  const e = err as { code?: string; name?: string; message?: string };
  if (timeoutOf(err))
    return `nothing received for ${timeoutMs !== undefined ? `${timeoutMs / 1000}s` : 'the s3-timeout'}`;
  return [e.code, e.message].filter(Boolean).join(': ') || String(err);
}

/** A stalled body fails outside the SDK's middleware: name the peer and the timeout as ./transport.ts does. */
function annotateTimeout(client: S3Client, err: unknown): void {
  const transport = transportOf(client);
  if (!transport || !timeoutOf(err) || typeof err !== 'object' || err === null) return;
  const e = err as { $peer?: string; $timeoutMs?: number };
  e.$peer ??= transport.peer;
  e.$timeoutMs ??= transport.timeoutMs;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The file being downloaded: bytes are counted and hashed once they are written, at their own offset. */
class HashingFile {
  bytes = 0;
  private readonly hash = createHash('sha256');
  constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
    private readonly onProgress?: (bytes: number) => void,
  ) {}

  /** The chunks at their offset in one write (the rest of a short write after it), then hashed and counted. */
  async write(chunks: Buffer[]): Promise<void> {
    const size = chunks.reduce((n, c) => n + c.length, 0);
    try {
      let done = (await this.handle.writev(chunks, this.bytes)).bytesWritten;
      if (done < size) {
        const all = Buffer.concat(chunks);
        while (done < size) done += (await this.handle.write(all, done, size - done, this.bytes + done)).bytesWritten;
      }
    } catch (err) {
      throw new DiskError(`writing ${this.file} failed: ${errorMessage(err)}`, { cause: err });
    }
    for (const c of chunks) this.hash.update(c);
    this.bytes += size;
    this.onProgress?.(this.bytes);
  }

  digest(): string {
    return this.hash.digest('hex');
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
