// The second copy: its options (place, credentials never borrowed by accident, when the server copies) and the tee
// that feeds two uploads from one stream (the slower one sets the pace; the copy failing never fails the primary).
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, test } from 'vitest';
import { parseBackupOptions, parseListOptions, parseRestoreOptions } from '../../src/options/parse.js';
import { parsePruneOptions } from '../../src/options/maintenance.js';
import { parseCopyTo } from '../../src/options/copy.js';
import { teeSink } from '../../src/stream/tee.js';

const url = 'postgresql://app:pw@db.internal:5432/shop';
const inputs = (values: Record<string, string>) => (name: string) => values[name];
const KEYS = { S3_BACKUP_COPY_ACCESS_KEY_ID: 'AKIACOPY', S3_BACKUP_COPY_SECRET_ACCESS_KEY: 'copy-secret' };

describe('copy options', () => {
  test.each([
    ['s3://copies', { bucket: 'copies' }],
    ['s3://copies/', { bucket: 'copies' }],
    ['s3://copies/db/shop/', { bucket: 'copies', prefix: 'db/shop' }],
    ['s3://copies//', { bucket: 'copies', prefix: '/' }],
  ])('copy-to %s', (text, expected) => {
    expect(parseCopyTo(text)).toEqual(expected);
  });

  test('another provider, with keys from S3_BACKUP_COPY_*: its own endpoint and credentials, streamed', () => {
    const o = parseBackupOptions(
      inputs({
        'database-url': url,
        bucket: 'main',
        'copy-to': 's3://copies',
        'copy-provider': 'b2',
        'copy-region': 'us-west-004',
      }),
      { ...KEYS, AWS_ENDPOINT_URL: 'https://primary.example.com', AWS_REGION: 'eu-west-1' },
    );
    expect(o.s3).toMatchObject({ endpoint: 'https://primary.example.com', region: 'eu-west-1' });
    expect(o.s3.credentials).toBeUndefined();
    expect(o.copy).toMatchObject({
      s3: {
        bucket: 'copies',
        prefix: 'production',
        endpoint: 'https://s3.us-west-004.backblazeb2.com',
        region: 'us-west-004',
        credentials: { accessKeyId: 'AKIACOPY', secretAccessKey: 'copy-secret' },
      },
      storageClass: 'STANDARD',
      serverSide: false,
    });
  });

  test('the same provider and endpoint without copy keys: the primary credentials, on the server when the region is the same', () => {
    const same = parseBackupOptions(inputs({ 'database-url': url, bucket: 'main', 'copy-to': 's3://copies/x' }), {});
    expect(same.copy).toMatchObject({ s3: { bucket: 'copies', prefix: 'x', region: 'us-east-1' }, serverSide: true });
    expect(same.copy!.s3.credentials).toBeUndefined();
    const otherRegion = parseBackupOptions(
      inputs({ 'database-url': url, bucket: 'main', 'copy-to': 's3://copies/x', 'copy-region': 'eu-central-1' }),
      {},
    );
    expect(otherRegion.copy).toMatchObject({ s3: { region: 'eu-central-1' }, serverSide: false });
    const ownKeys = parseBackupOptions(
      inputs({ 'database-url': url, bucket: 'main', 'copy-to': 's3://copies/x' }),
      KEYS,
    );
    expect(ownKeys.copy!.serverSide).toBe(false);
  });

  test.each([
    [
      { 'copy-to': 's3://copies', 'copy-endpoint': 'https://copy.example.com' },
      {},
      /^copy-access-key-id is empty: a copy on another provider or endpoint needs its own credentials/,
    ],
    [
      { 'copy-to': 's3://copies', 'copy-provider': 'minio' },
      KEYS,
      /^copy-endpoint is empty: provider minio needs its URL/,
    ],
    [
      { 'copy-to': 's3://copies', 'copy-provider': 'r2' },
      KEYS,
      /^copy-endpoint is empty: provider r2 needs the copy endpoint/,
    ],
    [
      { 'copy-to': 's3://copies', 'copy-session-token': 't' },
      {},
      /^copy-access-key-id is empty: the copy's credentials are/,
    ],
    [{ 'copy-region': 'eu-west-1' }, {}, /^copy-region is set but copy-to is empty/],
    [{ 'copy-to': 's3://main/production' }, {}, /^copy-to: s3:\/\/main\/production is where the backups go already/],
  ])('refused: %o', (values, env, line) => {
    expect(() => parseBackupOptions(inputs({ 'database-url': url, bucket: 'main', ...values }), env)).toThrow(line);
  });

  test('from: copy makes the copy the place read (list, restore) or pruned; not set: the primary, copy known', () => {
    const copy = { bucket: 'main', 'copy-to': 's3://copies/kept', 'copy-endpoint': 'https://copy.example.com' };
    expect(parseListOptions(inputs({ ...copy, from: 'copy' }), KEYS).s3).toMatchObject({
      bucket: 'copies',
      prefix: 'kept',
    });
    expect(parsePruneOptions(inputs({ ...copy, from: 'copy' }), KEYS).s3.bucket).toBe('copies');
    const restore = parseRestoreOptions(inputs({ ...copy, 'database-url': url }), KEYS);
    expect(restore).toMatchObject({ from: 'default', s3: { bucket: 'main' }, copy: { s3: { bucket: 'copies' } } });
    expect(() => parseListOptions(inputs({ bucket: 'main', from: 'copy' }), {})).toThrow(
      /^from: copy, but copy-to is empty/,
    );
  });
});

/** A sink that takes chunks only when told: the slow side. */
function heldSink(): { sink: Writable; got: Buffer[]; release(): void } {
  const got: Buffer[] = [];
  const waiting: Array<() => void> = [];
  let open = false;
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _enc, cb) {
      got.push(chunk);
      if (open) cb();
      else waiting.push(() => cb());
    },
  });
  return {
    sink,
    got,
    release() {
      open = true;
      for (const w of waiting.splice(0)) w();
    },
  };
}

/** A sink that takes every chunk at once. */
const collector = (into: Buffer[]) =>
  new Writable({
    write(c: Buffer, _e, cb) {
      into.push(c);
      cb();
    },
  });

const chunks = (n: number) => Array.from({ length: n }, (_, i) => Buffer.alloc(64 * 1024, i));

describe('teeSink', () => {
  test('both sides get every byte; the slower side holds the source back until it drains', async () => {
    const fast: Buffer[] = [];
    const primary = collector(fast);
    const slow = heldSink();
    const source = new PassThrough({ highWaterMark: 64 * 1024 });
    const done = pipeline(
      source,
      teeSink(primary, slow.sink, () => undefined),
    );
    const data = chunks(64);
    let accepted = 0;
    for (const c of data) if (source.write(c)) accepted++;
    await new Promise((resolve) => setImmediate(resolve));
    // 4 MiB offered, the copy holds its first chunk: the source is full, far from all of it taken
    expect(source.writableNeedDrain).toBe(true);
    expect(accepted).toBeLessThan(data.length);
    expect(fast.length).toBeLessThan(data.length);
    source.end();
    slow.release();
    await done;
    expect(Buffer.concat(fast).equals(Buffer.concat(data))).toBe(true);
    expect(Buffer.concat(slow.got).equals(Buffer.concat(data))).toBe(true);
  });

  test('the copy failing: told once, destroyed, the primary still gets everything', async () => {
    const fast: Buffer[] = [];
    const primary = collector(fast);
    let n = 0;
    const copy = new Writable({ write: (_c, _e, cb) => cb(++n === 3 ? new Error('copy refused') : null) });
    const told: string[] = [];
    const data = chunks(10);
    await pipeline(
      Readable.from(data),
      teeSink(primary, copy, (err) => told.push(err.message)),
    );
    expect(told).toEqual(['copy refused']);
    expect(copy.destroyed).toBe(true);
    expect(Buffer.concat(fast).equals(Buffer.concat(data))).toBe(true);
  });

  test('the primary failing fails the stream and destroys the copy (its upload aborted)', async () => {
    let n = 0;
    const primary = new Writable({ write: (_c, _e, cb) => cb(++n === 2 ? new Error('primary refused') : null) });
    const copy = new Writable({ write: (_c, _e, cb) => cb() });
    await expect(
      pipeline(
        Readable.from(chunks(10)),
        teeSink(primary, copy, () => undefined),
      ),
    ).rejects.toThrow('primary refused');
    expect(copy.destroyed).toBe(true);
  });
});
