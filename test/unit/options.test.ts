import { availableParallelism } from 'node:os';
import { redact } from '../../src/core/redact.js';
import { describe, expect, test } from 'vitest';
import { parseBackupOptions, parseRestoreOptions } from '../../src/options/parse.js';
import { parseSize, parseTags, parseBool, parseList } from '../../src/options/values.js';
import { errorMessage, UserError } from '../../src/core/errors.js';

const url = 'postgresql://app:s3cr%40t@db.internal:5433/shop?sslmode=require';
const inputs = (values: Record<string, string>) => (name: string) => values[name];

describe('parseBackupOptions', () => {
  test('defaults', () => {
    const o = parseBackupOptions(inputs({ 'database-url': url, bucket: 'my-backups' }), {});
    expect(o).toMatchObject({
      environment: 'production',
      format: 'custom',
      compression: 'zstd',
      compressionLevel: 1,
      storageClass: 'STANDARD',
      queueSize: 2,
      latestCopy: false,
      excludeTables: [],
      schemas: [],
      tags: {},
      s3: {
        bucket: 'my-backups',
        prefix: 'production',
        region: 'us-east-1',
        forcePathStyle: false,
        requestChecksum: 'WHEN_SUPPORTED',
      },
      connection: {
        host: 'db.internal',
        port: 5433,
        user: 'app',
        database: 'shop',
        password: 's3cr@t',
        params: { sslmode: 'require' },
      },
    });
    expect(o.partSize).toBeUndefined();
  });

  test('environment fallbacks', () => {
    const o = parseBackupOptions(inputs({}), {
      DATABASE_URL: url,
      S3_BACKUP_BUCKET: 'env-bucket',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000',
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
    expect(o.s3).toMatchObject({
      bucket: 'env-bucket',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
      requestChecksum: 'WHEN_REQUIRED',
    });
  });

  test('libpq variables when there is no URL', () => {
    const o = parseBackupOptions(inputs({ bucket: 'b-1' }), {
      PGHOST: '/var/run/postgresql',
      PGUSER: 'me',
      PGDATABASE: 'app',
      PGPASSWORD: 'pw1',
      PGSSLMODE: 'disable',
    });
    expect(o.connection).toMatchObject({
      host: '/var/run/postgresql',
      user: 'me',
      database: 'app',
      password: 'pw1',
      params: { sslmode: 'disable' },
    });
  });

  test('a URL without a password takes PGPASSWORD, as libpq does; a URL with one keeps its own', () => {
    const without = parseBackupOptions(inputs({ 'database-url': 'postgresql://app@db.internal/shop', bucket: 'b-1' }), {
      PGPASSWORD: 'from-env-pw',
    });
    expect(without.connection.password).toBe('from-env-pw');
    expect(redact('x from-env-pw y')).toBe('x *** y');
    const own = parseBackupOptions(inputs({ 'database-url': url, bucket: 'b-1' }), { PGPASSWORD: 'other-pw' });
    expect(own.connection.password).toBe('s3cr@t');
  });

  test("the TLS variables join the URL's settings (the URL wins), file names made absolute", () => {
    const o = parseBackupOptions(
      inputs({ 'database-url': url.replace('sslmode=require', 'sslmode=verify-full'), bucket: 'b-1' }),
      { PGSSLMODE: 'require', PGSSLROOTCERT: 'certs/ca.crt' },
    );
    expect(o.connection.params).toMatchObject({ sslmode: 'verify-full', sslrootcert: `${process.cwd()}/certs/ca.crt` });
    expect(() =>
      parseBackupOptions(inputs({ 'database-url': url.replace('?sslmode=require', ''), bucket: 'b-1' }), {
        PGSSLMODE: 'bogus',
      }),
    ).toThrow(/^PGSSLMODE=bogus is not valid/);
  });

  test('inputs win over the environment', () => {
    const o = parseBackupOptions(inputs({ 'database-url': url, bucket: 'from-input', region: 'ap-south-1' }), {
      S3_BACKUP_BUCKET: 'env',
      AWS_REGION: 'us-west-2',
    });
    expect(o.s3.bucket).toBe('from-input');
    expect(o.s3.region).toBe('ap-south-1');
  });

  test('explicit settings', () => {
    const o = parseBackupOptions(
      inputs({
        'database-url': url,
        bucket: 'b-1',
        prefix: '/db/main/',
        format: 'plain',
        compression: 'gzip',
        'compression-level': '9',
        'exclude-table': 'audit.*\nlogs',
        schema: 'public, sales',
        'part-size': '64MiB',
        'queue-size': '4',
        tags: 'team=data,cost=db',
        sse: 'aws:kms',
        'sse-kms-key-id': 'alias/backups',
        'latest-copy': 'true',
        'storage-class': 'standard_ia',
        'request-checksum': 'when-supported',
      }),
      {},
    );
    expect(o).toMatchObject({
      format: 'plain',
      compression: 'gzip',
      compressionLevel: 9,
      excludeTables: ['audit.*', 'logs'],
      schemas: ['public', 'sales'],
      partSize: 64 * 2 ** 20,
      queueSize: 4,
      tags: { team: 'data', cost: 'db' },
      sse: 'aws:kms',
      sseKmsKeyId: 'alias/backups',
      latestCopy: true,
      storageClass: 'STANDARD_IA',
      s3: { prefix: 'db/main', requestChecksum: 'WHEN_SUPPORTED' },
    });
  });

  test.each([
    [1, {}, /^database-url is empty: set database-url, or the PG\* variables$/],
    [2, { 'database-url': url }, /^bucket is empty/],
    [3, { 'database-url': 'mysql://x@y/z', bucket: 'b-1' }, /^database-url: scheme "mysql:" is not postgresql:/],
    [4, { 'database-url': 'not a url', bucket: 'b-1' }, /^database-url: not a URL/],
    [5, { 'database-url': url, bucket: 'B_ad' }, /^bucket: "B_ad" is not a valid bucket name/],
    [
      6,
      { 'database-url': url, bucket: 'b-1', compression: 'lz4' },
      /^compression: "lz4" is not one of zstd, gzip, none/,
    ],
    [7, { 'database-url': url, bucket: 'b-1', format: 'tar' }, /^format: "tar" is not one of custom, plain/],
    [
      8,
      { 'database-url': url, bucket: 'b-1', 'compression-level': '22' },
      /^compression-level: 22 is out of range; use 1 to 19/,
    ],
    [
      9,
      { 'database-url': url, bucket: 'b-1', compression: 'gzip', 'compression-level': 'fast' },
      /^compression-level: "fast" is not a whole number/,
    ],
    [
      10,
      { 'database-url': url, bucket: 'b-1', 'latest-copy': 'yes please' },
      /^latest-copy: "yes please" is not a boolean; use true or false/,
    ],
    [
      11,
      { 'database-url': url, bucket: 'b-1', 'part-size': '1MiB' },
      /^part-size: 1MiB is out of range; S3 parts are 5MiB to 5GiB/,
    ],
    [12, { 'database-url': url, bucket: 'b-1', 'part-size': 'big' }, /^part-size: "big" is not a size/],
    [13, { 'database-url': url, bucket: 'b-1', 'queue-size': '0' }, /^queue-size: 0 is out of range/],
    [14, { 'database-url': url, bucket: 'b-1', tags: 'novalue' }, /^tags: "novalue" is not key=value/],
    [15, { 'database-url': url, bucket: 'b-1', sse: 'kms' }, /^sse: "kms" is not one of AES256, aws:kms/],
    [
      16,
      { 'database-url': url, bucket: 'b-1', 'sse-kms-key-id': 'k' },
      /^sse-kms-key-id is set but sse is not aws:kms/,
    ],
    [17, { 'database-url': url, bucket: 'b-1', environment: 'prod_eu' }, /^environment: "prod_eu" may hold only/],
    [
      18,
      { 'database-url': url, bucket: 'b-1', endpoint: 'localhost:9000' },
      /^endpoint: "localhost:9000" is not an http\(s\) URL/,
    ],
    [19, { 'database-url': url, bucket: 'b-1', 'storage-class': 'COLD' }, /^storage-class: "COLD" is not one of/],
    [
      20,
      { 'database-url': 'postgresql://u@h:99999/d', bucket: 'b-1' },
      /^database-url: the port 99999 is out of range; use 1 to 65535/,
    ],
    [
      21,
      { 'database-url': url.replace('sslmode=require', 'sslmode=bogus'), bucket: 'b-1' },
      /^database-url: sslmode=bogus is not valid: use disable, allow, prefer, require, verify-ca or verify-full$/,
    ],
  ])('%i: bad input → one line naming it', (_n, values, message) => {
    let error: unknown;
    try {
      parseBackupOptions(inputs(values), {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(errorMessage(error)).toMatch(message);
    expect(errorMessage(error)).not.toContain('\n');
    expect(errorMessage(error)).not.toContain('s3cr');
  });
});

describe('parseRestoreOptions', () => {
  test('defaults', () => {
    expect(parseRestoreOptions(inputs({ 'database-url': url, bucket: 'b-1' }), {})).toMatchObject({
      backup: 'latest',
      clean: false,
      noOwner: false,
      noAcl: false,
      jobs: Math.min(8, availableParallelism()),
      createDatabase: false,
      singleTransaction: false,
      yes: false,
      tables: [],
      schemas: [],
      schemaOnly: false,
      dataOnly: false,
    });
  });
  test('a selective restore: tables, schemas, schema-only', () => {
    const o = parseRestoreOptions(
      inputs({ 'database-url': url, bucket: 'b-1', table: 'orders,\nitems', schema: 'shop', 'schema-only': 'true' }),
      {},
    );
    expect(o).toMatchObject({ tables: ['orders', 'items'], schemas: ['shop'], schemaOnly: true, dataOnly: false });
  });
  test.each([
    [{ 'schema-only': 'true', 'data-only': 'true' }, /^schema-only and data-only exclude each other/],
    [{ 'data-only': 'true', clean: 'true' }, /^data-only cannot be combined with clean/],
    [{ 'data-only': 'yes please' }, /^data-only/],
  ])('refused: %j', (extra, message) => {
    expect(() => parseRestoreOptions(inputs({ 'database-url': url, bucket: 'b-1', ...extra }), {})).toThrow(message);
  });
  test('jobs auto: from the cores for one database, 1 with single-transaction; temp-dir and decoded-copy', () => {
    const base = { 'database-url': url, bucket: 'b-1' };
    expect(parseRestoreOptions(inputs(base), {}).jobs).toBe(Math.min(8, availableParallelism()));
    expect(parseRestoreOptions(inputs({ ...base, 'single-transaction': 'true' }), {}).jobs).toBe(1);
    expect(parseRestoreOptions(inputs(base), {})).toMatchObject({ decodedCopy: false });
    expect(parseRestoreOptions(inputs(base), {}).tempDir).toBeUndefined();
    expect(parseRestoreOptions(inputs({ ...base, 'temp-dir': '/mnt/big', 'decoded-copy': 'true' }), {})).toMatchObject({
      decodedCopy: true,
      tempDir: '/mnt/big',
    });
    expect(() => parseRestoreOptions(inputs({ ...base, 'temp-dir': 'tmp' }), {})).toThrow(
      /^temp-dir: "tmp" is not an absolute path/,
    );
  });
  test('single-transaction with jobs is refused', () => {
    expect(() =>
      parseRestoreOptions(inputs({ 'database-url': url, bucket: 'b-1', jobs: '4', 'single-transaction': 'true' }), {}),
    ).toThrow(/^single-transaction cannot be combined with jobs > 1/);
  });
});

describe('values', () => {
  test.each([
    ['16MiB', 16 * 2 ** 20],
    ['64MB', 64e6],
    ['1.5GiB', 1.5 * 2 ** 30],
    ['16777216', 16777216],
    ['5 mib', 5 * 2 ** 20],
  ])('parseSize(%s)', (text, bytes) => expect(parseSize('part-size', text)).toBe(bytes));
  test.each([
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['', false],
  ])('parseBool(%s)', (v, b) => expect(parseBool('x', v)).toBe(b));
  test('parseList', () => expect(parseList(' a, b\n\nc ,')).toEqual(['a', 'b', 'c']));
  test('parseTags limits', () => {
    expect(() => parseTags('tags', Array.from({ length: 11 }, (_, i) => `k${i}=v`).join(','))).toThrow(
      /at most 10 tags/,
    );
  });
});
