// Restore drills: verify decodes every byte; validate restores into a scratch database and compares it with the
// snapshot-exact manifest. Each failure it must catch is proven by a test.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { awkwardDatabase, bulkDatabase } from '../support/fixtures.js';
import { lockTable } from '../support/locks.js';
import { capture, runAction, runCli, s3Env, type ProcResult } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, makeS3Client } from '../support/s3-servers.js';

const s3 = () => rgw();
const client = () => makeS3Client(s3());

async function get(bucket: string, key: string): Promise<Buffer> {
  const out = await client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}
async function put(bucket: string, key: string, body: Buffer | string) {
  await client().send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }),
  );
}
/** Replaces an object and writes a matching sidecar, so only decoding can tell. */
async function replaceVerifiably(bucket: string, key: string, body: Buffer) {
  await put(bucket, key, body);
  await put(bucket, `${key}.sha256`, `${createHash('sha256').update(body).digest('hex')}  ${key.split('/').pop()}\n`);
}
const lastLine = (text: string) => text.trim().split('\n').at(-1)!;
const scratchDatabases = async () =>
  (await pg(15).query('postgres', `SELECT datname FROM pg_database WHERE datname LIKE 's3b_validate_%'`)).map(
    (r) => r.datname,
  );

describe('verify and validate', () => {
  let bucket: string;
  let source: string;
  let key: string;
  const env = () => s3Env(s3());
  const where = (environment: string) => [
    '--bucket',
    bucket,
    '--endpoint',
    s3().endpoint,
    '--environment',
    environment,
  ];

  beforeAll(async () => {
    bucket = await createBucket(s3());
    source = await awkwardDatabase(pg(15));
    const b = await runAction(
      'backup',
      { 'database-url': pg(15).url(source), bucket, endpoint: s3().endpoint, environment: 'good' },
      env(),
    );
    expect(b.code, b.stdout).toBe(0);
    key = b.outputs.key!;
  });
  afterAll(async () => emptyAndDeleteBucket(s3(), bucket));

  test('the manifest holds the snapshot-exact catalog', async () => {
    const manifest = JSON.parse((await get(bucket, `${key}.meta`)).toString());
    capture('manifest', JSON.stringify(manifest));
    expect(manifest.rowCounts).toBe('exact');
    expect(manifest.snapshot).toMatch(/^[0-9A-F]+-[0-9A-F]+(-\d+)?$/);
    const live = await pg(15).query(source, `SELECT count(*)::int AS n FROM "Sales Data"."Order Items"`);
    expect(manifest.tables.find((t: { name: string }) => t.name === 'Order Items')).toMatchObject({
      schema: 'Sales Data',
      kind: 'table',
      rows: live[0].n,
      columns: expect.arrayContaining([
        expect.objectContaining({ name: expect.any(String), type: expect.any(String) }),
      ]),
    });
    expect(manifest.extensions.map((e: { name: string }) => e.name).sort()).toEqual(['hstore', 'pg_trgm']);
    expect(manifest.largeObjects).toBeGreaterThanOrEqual(2);
    expect(manifest.sequences.length).toBeGreaterThan(0);
    expect(manifest.schemas).toContain('Sales Data');
  });

  test('verify (CLI): checksum and every byte', async () => {
    const r = await runCli(['verify', ...where('good'), '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      key,
      bytes: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('validate (action) passes into the same major and into PostgreSQL 18, with user assertions; scratch dropped', async () => {
    const assertions = `SELECT count(*) > 0 FROM "Sales Data"."Order Items";\n-- a comment; with a semicolon\nSELECT 1;`;
    for (const major of [15, 18] as const) {
      const r = await runAction(
        'validate',
        {
          'database-url': pg(major).url('postgres'),
          bucket,
          endpoint: s3().endpoint,
          environment: 'good',
          'validation-sql': assertions,
        },
        env(),
      );
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs).toMatchObject({ status: 'passed', mismatches: '0', key, 'restored-major': String(major) });
      expect(Number(r.outputs['tables-checked'])).toBeGreaterThan(10);
      expect(Number(r.outputs['rows-checked'])).toBeGreaterThan(100);
      expect(r.summary).toContain('Restore drill passed');
      expect(r.summary).toContain('| assertion: SELECT 1 | true | 1 | ✅ |');
    }
    expect(await scratchDatabases()).toEqual([]);
  });

  test('catches a manifest whose counts disagree with the data, and a missing table', async () => {
    const manifest = JSON.parse((await get(bucket, `${key}.meta`)).toString());
    const items = manifest.tables.find((t: { name: string }) => t.name === 'Order Items');
    items.rows += 1;
    manifest.tables.push({
      schema: 'public',
      name: 'ghost',
      kind: 'table',
      rows: 3,
      columns: [{ name: 'id', type: 'integer' }],
    });
    await put(bucket, `${key}.meta`, JSON.stringify(manifest));
    try {
      const r = await runCli(['validate', ...where('good'), '--database-url', pg(15).url('postgres'), '--json'], env());
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ status: 'failed', mismatches: 2 });
      expect(out.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([
        {
          check: 'rows of Sales Data.Order Items',
          expected: String(items.rows),
          found: String(items.rows - 1),
          ok: false,
        },
        { check: 'table public.ghost', expected: 'present', found: 'missing', ok: false },
      ]);
      expect(lastLine(r.stderr)).toBe(
        `s3-backup: error: validation of ${key} failed: 2 mismatches — rows of Sales Data.Order Items: expected ${items.rows}, found ${items.rows - 1}; table public.ghost: expected present, found missing`,
      );
    } finally {
      items.rows -= 1;
      manifest.tables.pop();
      await put(bucket, `${key}.meta`, JSON.stringify(manifest));
    }
  });

  test('catches a failing user assertion and shows its text', async () => {
    const r = await runAction(
      'validate',
      {
        'database-url': pg(15).url('postgres'),
        bucket,
        endpoint: s3().endpoint,
        environment: 'good',
        'validation-sql': 'SELECT count(*) = 0 FROM "Sales Data"."Order Items"',
      },
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'failed', mismatches: '1' });
    expect(r.summary).toContain(
      '| assertion: SELECT count(*) = 0 FROM "Sales Data"."Order Items" | true | false | ❌ |',
    );
    expect(r.stdout).toMatch(
      /^::error::validation of .* failed: 1 mismatch — assertion: SELECT count\(\*\) = 0 FROM "Sales Data"."Order Items": expected true, found false$/m,
    );
  });

  test('a dump truncated in the middle (checksum made to match): verify and validate both fail', async () => {
    const original = await get(bucket, key);
    const { execFileSync } = await import('node:child_process');
    // decompress, cut the archive in half, recompress: the zstd frame is whole, the pg_dump archive is not
    const raw = execFileSync('zstd', ['-dc'], { input: original });
    const truncated = execFileSync('zstd', ['-c', '-q'], { input: raw.subarray(0, Math.floor(raw.length / 2)) });
    await replaceVerifiably(bucket, key, truncated);
    try {
      const v = await runCli(['verify', ...where('good')], env());
      expect(v.code).toBe(1);
      expect(lastLine(v.stderr)).toMatch(
        new RegExp(`^s3-backup: error: verify: ${key.replace(/[.]/g, '\\.')} does not decode: pg_restore failed .*`),
      );
      const r = await runAction(
        'validate',
        { 'database-url': pg(15).url('postgres'), bucket, endpoint: s3().endpoint, environment: 'good' },
        env(),
      );
      expect(r.code).toBe(1);
      expect(r.outputs.status).toBe('failed');
      expect(r.summary).toMatch(/\| restore \| restores cleanly \| pg_restore failed .* \| ❌ \|/);
      expect(await scratchDatabases()).toEqual([]);
    } finally {
      await replaceVerifiably(bucket, key, original);
    }
  });

  test('a wrong checksum: verify and validate refuse', async () => {
    const sidecar = await get(bucket, `${key}.sha256`);
    await put(bucket, `${key}.sha256`, `${'0'.repeat(64)}  ${key.split('/').pop()}\n`);
    try {
      const v = await runCli(['verify', ...where('good')], env());
      expect(lastLine(v.stderr)).toMatch(
        /^s3-backup: error: checksum mismatch for .*: the sidecar says sha256 0{64} but the object is [0-9a-f]{64}/,
      );
      const r = await runAction(
        'validate',
        { 'database-url': pg(15).url('postgres'), bucket, endpoint: s3().endpoint, environment: 'good' },
        env(),
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^::error::checksum mismatch for /m);
      expect(await scratchDatabases()).toEqual([]);
    } finally {
      await put(bucket, `${key}.sha256`, sidecar);
    }
  });

  test('plain SQL truncated (no compression, checksum made to match): verify names the missing completion marker', async () => {
    const b = await runCli(
      [
        'backup',
        ...where('plain'),
        '--database-url',
        pg(15).url(source),
        '--format',
        'plain',
        '--compression',
        'none',
        '--json',
      ],
      env(),
    );
    expect(b.code, b.stderr).toBe(0);
    const plainKey = JSON.parse(b.stdout).key;
    expect((await runCli(['verify', ...where('plain')], env())).code).toBe(0);
    const sql = await get(bucket, plainKey);
    await replaceVerifiably(bucket, plainKey, sql.subarray(0, Math.floor(sql.length * 0.6)));
    const v = await runCli(['verify', ...where('plain')], env());
    expect(v.code).toBe(1);
    expect(lastLine(v.stderr)).toMatch(
      /does not decode: the SQL ends early: "-- PostgreSQL database dump complete" is missing \(truncated dump\)$/,
    );
  });

  test('counts are what the dump holds even while the table grows during the backup', async () => {
    const db = await bulkDatabase(pg(15), 300_000);
    // pg_dump, started with the backup's snapshot, waits in LOCK TABLE while more rows are committed: after the snapshot
    const lock = await lockTable(pg(15), db, 'bulk');
    let b: ProcResult;
    try {
      const running = runCli(['backup', ...where('busy'), '--database-url', pg(15).url(db), '--json'], env());
      await lock.waitForWaiter('pg_dump', { run: running });
      await lock.exec(`INSERT INTO bulk SELECT g, 'late', 'late' FROM generate_series(300001, 301000) g`);
      await lock.release();
      b = await running;
    } finally {
      await lock.release();
    }
    expect(await pg(15).query(db, 'SELECT count(*)::int AS n FROM bulk')).toEqual([{ n: 301_000 }]);
    expect(b.code, b.stderr).toBe(0);
    const manifest = JSON.parse((await get(bucket, `${JSON.parse(b.stdout).key}.meta`)).toString());
    expect(manifest.tables.find((t: { name: string }) => t.name === 'bulk').rows).toBe(300_000);
    const r = await runCli(['validate', ...where('busy'), '--database-url', pg(15).url('postgres'), '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'passed', rowsChecked: 300000 });
  });
});

describe('drill evidence: records, max-restore-time, require-drill, the statement', () => {
  let bucket: string;
  let copyBucket: string;
  let key: string;
  const env = () => s3Env(s3());
  const where = () => ['--bucket', bucket, '--endpoint', s3().endpoint, '--environment', 'gate'];
  const gate = (age: string) => runCli(['check', ...where(), '--max-age', '1d', '--require-drill', age], env());
  const listDrills = async (b = bucket) => {
    const r = await runCli(
      ['list', '--bucket', b, '--endpoint', s3().endpoint, '--environment', 'gate', '--drills', '--json'],
      env(),
    );
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout).drills as Array<Record<string, unknown> & { stages: Record<string, number> }>;
  };

  beforeAll(async () => {
    [bucket, copyBucket] = await Promise.all([createBucket(s3()), createBucket(s3())]);
    const source = await awkwardDatabase(pg(15));
    const b = await runCli(['backup', ...where(), '--database-url', pg(15).url(source), '--json'], env());
    expect(b.code, b.stderr).toBe(0);
    key = JSON.parse(b.stdout).key;
  });
  afterAll(async () => Promise.all([emptyAndDeleteBucket(s3(), bucket), emptyAndDeleteBucket(s3(), copyBucket)]));

  test('no drill yet: require-drill fails; two drills append two records (in the copy too); then it passes', async () => {
    const before = await gate('30d');
    expect(before.code).toBe(1);
    expect(lastLine(before.stderr)).toBe(
      `s3-backup: error: require-drill: ${key}: no passing drill within 30d; run a restore drill (validate) of the backup`,
    );

    const run = {
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'acme/db',
      GITHUB_RUN_ID: '77',
    };
    const inputs = {
      'database-url': pg(15).url('postgres'),
      bucket,
      endpoint: s3().endpoint,
      environment: 'gate',
      'copy-to': `s3://${copyBucket}/gate`,
      'copy-endpoint': s3().endpoint,
    };
    const passed = await runAction('validate', inputs, { ...env(), ...run });
    expect(passed.code, passed.stdout).toBe(0);
    expect(passed.outputs).toMatchObject({ status: 'passed', key });
    // the statement: the backup's name and SHA-256 as subject, the drill as predicate
    const statement = JSON.parse(readFileSync(passed.outputs['drill-statement']!, 'utf8'));
    expect(statement).toMatchObject({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: key, digest: { sha256: passed.outputs.sha256 } }],
      predicateType: 'https://github.com/outtime/s3-backup/drill/v1',
      predicate: { status: 'passed', runner: { url: 'https://github.example/acme/db/actions/runs/77' } },
    });
    expect(JSON.parse(readFileSync(passed.outputs['drill-predicate']!, 'utf8'))).toEqual(statement.predicate);
    expect(readFileSync(passed.outputs['drill-subjects']!, 'utf8')).toBe(`${passed.outputs.sha256}  ${key}\n`);
    expect(passed.summary).toMatch(/#### Recovery time, last drills/);

    // made to fail by construction: no drill restores in 1 ms
    const slow = await runCli(
      ['validate', ...where(), '--database-url', pg(15).url('postgres'), '--max-restore-time', '1ms', '--json'],
      env(),
    );
    expect(slow.code).toBe(1);
    expect(lastLine(slow.stderr)).toMatch(
      /failed: 1 mismatch — recovery time: expected at most 1 ms \(max-restore-time\), found [\d.]+ m?s, the (download|proof|restore|compare) took the most: [\d.]+ m?s$/,
    );

    const drills = await listDrills();
    expect(drills.map((d) => [d.status, d.key, d.kind])).toEqual([
      ['failed', key, 'backup'],
      ['passed', key, 'backup'],
    ]);
    const [failed, first] = drills;
    expect(Date.parse(failed!.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(first!.finishedAt as string));
    expect(first).toMatchObject({ sha256: passed.outputs.sha256, runner: { kind: 'github-actions', name: 'acme/db' } });
    expect(failed).toMatchObject({ runner: { kind: 'host' }, reason: expect.stringMatching(/^recovery time: /) });
    for (const d of drills) {
      expect(Object.keys(d.stages).sort()).toEqual(['compare', 'download', 'proof', 'restore']);
      expect(d.recoverySeconds).toBeCloseTo(
        Object.values(d.stages).reduce((a, b) => a + b, 0),
        6,
      );
      expect(d.stages.restore).toBeGreaterThan(0);
    }
    // the action's drill went to the copy as well
    expect((await listDrills(copyBucket)).map((d) => [d.status, d.key])).toEqual([['passed', key]]);

    const after = await gate('30d');
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr + after.stdout).toContain(`require-drill: ${key} restored and matched by the drill of `);
  });

  test('a drill that cannot run is "not verified", never a pass: exit status, summary, output and record say so', async () => {
    const r = await runAction(
      'validate',
      {
        'database-url': 'postgresql://postgres@127.0.0.1:1/postgres',
        bucket,
        endpoint: s3().endpoint,
        environment: 'gate',
      },
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ status: 'not-verified', 'drill-statement': '' });
    expect(r.summary).toContain('### ⚠️ Restore drill not verified');
    expect(r.summary).not.toContain('passed');
    const [newest] = await listDrills();
    expect(newest).toMatchObject({ status: 'not-verified', reason: expect.stringContaining('127.0.0.1:1') });
  });
});
