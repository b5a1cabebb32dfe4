// The watchdog on the dump's output: a silent source fails the stream with the one line; a stream held up
// downstream (a slow upload) is never a stall, however long it takes.
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, test } from 'vitest';
import { formatLimit, StallError, StallWatch } from '../../src/stream/stall-watch.js';

const describeStall = (ms: number) => `pg_dump sent nothing for ${formatLimit(ms)} (pg-stall-timeout)`;

describe('StallWatch', () => {
  test('a source that sends nothing: StallError with the line, and onStall told once', async () => {
    const source = new PassThrough();
    let stalls = 0;
    const watch = new StallWatch({ limitMs: 40, describe: describeStall, onStall: () => stalls++ });
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    await expect(pipeline(source, watch, sink)).rejects.toThrow(
      new StallError('pg_dump sent nothing for 0s (pg-stall-timeout)'),
    );
    expect(stalls).toBe(1);
  });

  test('a sink that holds every write until released: no stall while it holds, the stream ends whole', async () => {
    const source = new PassThrough();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held = 0;
    let bytes = 0;
    const sink = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _e, cb) {
        bytes += chunk.length;
        if (held++ === 0) void released.then(() => cb());
        else cb();
      },
    });
    const watch = new StallWatch({ limitMs: 40, describe: describeStall });
    const done = pipeline(source, watch, sink);
    // more than fits in the buffers: the watch is held downstream, not waiting on its source
    for (let i = 0; i < 64; i++) source.write(Buffer.alloc(64 * 1024));
    source.end();
    // the watch has checked many times while held (its limit is 40 ms); the held write is then released
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (watch.writableLength > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await done;
    expect(bytes).toBe(64 * 64 * 1024);
  });

  test('formatLimit', () => {
    expect([3_000, 600_000, 90_000, 3_600_000].map(formatLimit)).toEqual(['3s', '10m', '1m30s', '60m']);
  });
});
