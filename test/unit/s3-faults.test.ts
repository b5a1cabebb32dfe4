// The pure parts of a misbehaving S3 network: resumable downloads (against a scripted client), the multipart ETag,
// the one-line timeout and cancellation messages, the s3-timeout input.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cancellationOf, CancelledError, noteCleanup, errorMessage, UserError } from '../../src/core/errors.js';
import { parseListOptions } from '../../src/options/parse.js';
import { describeS3Error } from '../../src/s3/describe-error.js';
import { multipartETag } from '../../src/s3/multipart.js';
import { downloadToFile } from '../../src/s3/objects.js';
import { inPieces, PIECE, S3TimeoutError, timeoutOf } from '../../src/s3/transport.js';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('multipartETag', () => {
  test('MD5 of the parts\' binary MD5s, "-", the part count (quotes and case ignored)', () => {
    const parts = [Buffer.alloc(5 << 20, 1), Buffer.alloc(5 << 20, 2), Buffer.from('tail')];
    const etags = parts.map((p) => `"${md5(p).toUpperCase()}"`);
    const expected = createHash('md5')
      .update(Buffer.concat(parts.map((p) => Buffer.from(md5(p), 'hex'))))
      .digest('hex');
    expect(multipartETag(etags)).toBe(`${expected}-3`);
  });
  test('an ETag that is not an MD5 (SSE-KMS, other servers): cannot be recomputed', () => {
    expect(multipartETag(['"abc"', `"${md5(Buffer.from('x'))}"`])).toBeUndefined();
  });
});

interface Call {
  Range?: string;
  IfMatch?: string;
}

/** A GetObject that answers each call from a script: bytes to send, then how the body ends. */
function scriptedClient(
  data: Buffer,
  script: Array<{ send: number; end: 'ok' | 'reset' | 'stall-timeout' } | { status: 412 }>,
) {
  const calls: Call[] = [];
  const client = {
    async send(command: { input: Call & { Key: string } }) {
      const call = { Range: command.input.Range, IfMatch: command.input.IfMatch };
      calls.push(call);
      const step = script[calls.length - 1];
      if (!step) throw new Error(`unexpected call ${calls.length}`);
      if ('status' in step)
        throw Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), {
          name: 'PreconditionFailed',
          $metadata: { httpStatusCode: 412 },
        });
      const from = call.Range ? Number(/^bytes=(\d+)-$/.exec(call.Range)![1]) : 0;
      const slice = data.subarray(from, from + step.send);
      // in small chunks, as a socket delivers them; the break comes once they were all read
      let offset = 0;
      const body = new Readable({
        highWaterMark: 0,
        read() {
          if (offset < slice.length) {
            this.push(slice.subarray(offset, offset + 1000));
            offset += 1000;
          } else if (step.end === 'ok') {
            this.push(null);
          } else {
            this.destroy(
              step.end === 'reset'
                ? Object.assign(new Error('aborted'), { code: 'ECONNRESET' })
                : Object.assign(new Error('the request socket timed out after 2000 ms of inactivity'), {
                    name: 'TimeoutError',
                  }),
            );
          }
        },
      });
      return {
        ETag: '"etag-1"',
        ContentLength: data.length - from,
        ...(call.Range ? { ContentRange: `bytes ${from}-${data.length - 1}/${data.length}` } : {}),
        Body: body,
      };
    },
  } as unknown as S3Client;
  // the first answer's ContentLength is the whole object
  return { client, calls };
}

describe('downloadToFile: a broken body resumes from the last byte written', () => {
  let dir: string;
  const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251));
  const sleeps: number[] = [];
  const sleep = async (ms: number) => void sleeps.push(ms);
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dl-'));
    sleeps.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reset, then a stall, then the rest: ranged requests pinned to the first ETag, the file and its hash exact', async () => {
    const { client, calls } = scriptedClient(data, [
      { send: 30_000, end: 'reset' },
      { send: 25_000, end: 'stall-timeout' },
      { send: 100_000, end: 'ok' },
    ]);
    const resumes: string[] = [];
    const file = path.join(dir, 'f');
    const got = await downloadToFile(client, 'b', 'k', file, undefined, undefined, {
      sleep,
      onResume: (r) => resumes.push(`${r.bytes}/${r.total} #${r.attempt}: ${r.reason}`),
    });
    expect(calls).toEqual([
      { Range: undefined, IfMatch: undefined },
      { Range: 'bytes=30000-', IfMatch: '"etag-1"' },
      { Range: 'bytes=55000-', IfMatch: '"etag-1"' },
    ]);
    expect(resumes).toEqual([
      '30000/100000 #1: ECONNRESET: aborted',
      '55000/100000 #2: nothing received for the s3-timeout',
    ]);
    expect(readFileSync(file)).toEqual(data);
    expect(got).toEqual({ bytes: data.length, sha256: sha256(data), resumes: 2 });
    // progress resets the backoff
    expect(sleeps).toEqual([200, 200]);
  });

  test('attempts that bring no byte back off exponentially, and fail after maxRetries', async () => {
    const { client, calls } = scriptedClient(data, [
      { send: 10_000, end: 'reset' },
      ...Array.from({ length: 4 }, () => ({ send: 0, end: 'reset' as const })),
    ]);
    await expect(
      downloadToFile(client, 'b', 'k', path.join(dir, 'f'), undefined, undefined, { sleep, maxRetries: 3 }),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(calls).toHaveLength(5);
    expect(sleeps).toEqual([200, 200, 400, 800]);
  });

  test('the object was replaced meanwhile (If-Match fails): never stitched, one clear line', async () => {
    const { client } = scriptedClient(data, [{ send: 40_000, end: 'reset' }, { status: 412 }]);
    const err = await downloadToFile(client, 'b', 'k', path.join(dir, 'f'), undefined, undefined, { sleep }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(errorMessage(err)).toBe(
      's3://b/k was replaced during the download (its ETag is no longer "etag-1"): run again',
    );
  });

  test("cancelled while waiting to resume: the run's reason, at once", async () => {
    const { client } = scriptedClient(data, [{ send: 40_000, end: 'reset' }]);
    const controller = new AbortController();
    const cancelled = new CancelledError('SIGTERM');
    const err = await downloadToFile(client, 'b', 'k', path.join(dir, 'f'), controller.signal, undefined, {
      sleep: (_ms, signal) => {
        controller.abort(cancelled);
        return Promise.reject(signal!.reason);
      },
    }).catch((e: unknown) => e);
    expect(err).toBe(cancelled);
  });
});

describe('one line for a timeout, naming the peer and s3-timeout', () => {
  const where = { bucket: 'b', key: 'ci', endpoint: 'http://s3.example:9000', action: 'listing' };
  test('an endpoint that never answered', () => {
    expect(describeS3Error(new S3TimeoutError('s3.example:9000', 2000, 'idle', true), where).message).toBe(
      'listing s3://b/ci failed: s3.example:9000 accepted the connection but sent nothing for 2s (s3-timeout); check the endpoint and the network, or raise s3-timeout for a slow link',
    );
  });
  test('a stall that outlasted the retries', () => {
    const err = Object.assign(new Error('the request socket timed out after 60000 ms of inactivity'), {
      name: 'TimeoutError',
      $peer: 'bucket.s3.eu-west-1.amazonaws.com',
      $timeoutMs: 60_000,
      $metadata: { attempts: 5 },
    });
    expect(describeS3Error(err, { ...where, action: 'uploading', endpoint: undefined }).message).toBe(
      'uploading s3://b/ci failed: nothing moved to or from bucket.s3.eu-west-1.amazonaws.com for 60s on each of 5 attempts (s3-timeout); check the endpoint and the network, or raise s3-timeout for a slow link',
    );
  });
  test('no connection within the timeout; the peer from the endpoint when the error does not carry it', () => {
    const err = Object.assign(
      new Error(
        '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 2000 ms.',
      ),
      { name: 'TimeoutError' },
    );
    expect(describeS3Error(err, where).message).toMatch(
      /^listing s3:\/\/b\/ci failed: no connection to s3\.example:9000 within the s3-timeout \(s3-timeout\)/,
    );
  });
  test('a reset is not a timeout, though the HTTP handler names it TimeoutError', () => {
    const reset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    expect(timeoutOf(reset)).toBeUndefined();
    expect(describeS3Error(reset, where).message).toBe('listing s3://b/ci failed (ECONNRESET): socket hang up');
  });
});

describe('cancellation says what was cleaned up', () => {
  test('nothing written, or each cleanup in order; an aborted S3 request carries the cancellation', () => {
    const controller = new AbortController();
    const cancelled = new CancelledError('SIGTERM');
    expect(cancelled.message).toBe('cancelled by SIGTERM: nothing was written');
    noteCleanup(controller.signal, 'not yet cancelled: ignored');
    controller.abort(cancelled);
    noteCleanup(controller.signal, 'the unfinished upload was aborted', { nothingWritten: true });
    noteCleanup(controller.signal, 'the unfinished upload was aborted', { nothingWritten: true });
    expect(cancelled.message).toBe('cancelled by SIGTERM: the unfinished upload was aborted and nothing was written');
    // once something written was removed, "nothing was written" is no longer said
    noteCleanup(controller.signal, 'the backup and the sidecars written so far were removed (db.dump, db.dump.sha256)');
    noteCleanup(controller.signal, 'the temporary download was deleted');
    expect(cancelled.message).toBe(
      'cancelled by SIGTERM: the unfinished upload was aborted; the backup and the sidecars written so far were removed (db.dump, db.dump.sha256); the temporary download was deleted',
    );
    const aborted = Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: cancelled });
    expect(cancellationOf(aborted)).toBe(cancelled);
    expect(describeS3Error(aborted, { bucket: 'b', action: 'listing' })).toBe(cancelled);
  });
});

describe('s3-timeout', () => {
  const raw = (values: Record<string, string>) => (name: string) => values[name];
  test.each([
    [{}, 60_000],
    [{ 's3-timeout': '90s' }, 90_000],
    [{ 's3-timeout': '2m' }, 120_000],
  ])('%j → %i ms', (inputs, ms) => {
    expect(parseListOptions(raw({ bucket: 'my-backups', ...inputs }), {}).s3.timeoutMs).toBe(ms);
  });
  test.each(['60', 'soon', '0s'])('refuses %j with a line naming the input', (text) => {
    expect(() => parseListOptions(raw({ bucket: 'my-backups', 's3-timeout': text }), {})).toThrow(/^s3-timeout: /);
  });
});

describe('a request body goes out in pieces, so that the idle timer sees a slow upload progress', () => {
  type Request = Parameters<typeof inPieces>[0];
  const request = (body: unknown) =>
    ({
      method: 'PUT',
      hostname: 'h',
      path: '/b/k',
      query: { partNumber: '1' },
      headers: { 'content-length': '1' },
      body,
    }) as unknown as Request;
  test('a part: the same bytes, in writes of 64 KiB; the original request (the one a retry sends again) untouched', async () => {
    const part = Buffer.from(Array.from({ length: 5 * PIECE + 123 }, (_, i) => i % 256));
    const original = request(new Uint8Array(part));
    const sent = inPieces(original);
    const pieces: Buffer[] = [];
    for await (const piece of sent.body as Readable) pieces.push(piece as Buffer);
    expect(pieces.map((p) => p.length)).toEqual([PIECE, PIECE, PIECE, PIECE, PIECE, 123]);
    expect(Buffer.concat(pieces)).toEqual(part);
    expect({ ...sent, body: undefined }).toEqual({ ...original, body: undefined });
    expect(original.body).toBeInstanceOf(Uint8Array);
  });
  test('small bodies, streams and no body: as they are', () => {
    for (const body of [Buffer.alloc(PIECE), '<xml/>', undefined]) {
      const r = request(body);
      expect(inPieces(r)).toBe(r);
    }
    const stream = Readable.from([]);
    expect(inPieces(request(stream)).body).toBe(stream);
  });
});
