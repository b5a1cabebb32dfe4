// What a run downloads to the temporary directory is removed on every way out: the reader of its output going away
// (EPIPE, as `verify … 2>&1 | head -2` does), SIGTERM, an error. Each test gives the CLI a temporary directory of its
// own (TMPDIR) and looks into it afterwards; the fault proxy keeps the download half-written while the test acts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { baseEnv, ROOT, runCli, s3Env, type ProcResult } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket } from '../support/s3-servers.js';
import { backupArgs, placeArgs } from '../support/cli-args.js';
import { waitUntil } from '../support/wait.js';

let bucket: string;
let key: string;
const place = () => ({ bucket, endpoint: rgw().endpoint, environment: 'tmp', name: 'junk' });

beforeAll(async () => {
  bucket = await createBucket(rgw());
  const db = await pg(15).createDatabase();
  await pg(15).exec(db, `CREATE TABLE t AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 50000) g;`);
  const b = await runCli([...backupArgs(pg(15).url(db), place()), '--json'], s3Env(rgw()));
  expect(b.code, b.stderr).toBe(0);
  key = JSON.parse(b.stdout).key;
});
afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

/** Every file and folder under `dir`, relative to it. */
function leftIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

/** `s3-backup verify` through `endpoint`, with its own temporary directory; the test holds its output pipes. */
function startVerify(endpoint: string, tmp: string) {
  const args = ['verify', ...placeArgs(bucket, endpoint, 'tmp', 'junk')];
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli', 'index.js'), ...args], {
    env: baseEnv({ ...s3Env(rgw()), TMPDIR: tmp }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.on('data', () => {});
  child.stderr.on('data', (d) => (stderr += d));
  const run = new Promise<ProcResult>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout: '', stderr })),
  );
  return { child, run };
}

/** Until the download lies half-written in the run's temporary directory. */
async function partlyDownloaded(tmp: string, run: Promise<ProcResult>): Promise<string> {
  let file = '';
  await waitUntil(
    'a partial download in the temporary directory',
    () => {
      file = leftIn(tmp).find((f) => f.endsWith(path.basename(key))) ?? '';
      return file !== '' && statSync(path.join(tmp, file)).size > 0;
    },
    { run },
  );
  return file;
}

describe('no temporary file is left', () => {
  let proxy: FaultProxy;
  // a proxy per test: each test's first GET of the object sends half of it, then stalls until released
  beforeEach(async () => {
    proxy = await startFaultProxy(rgw().endpoint, (r) =>
      r.op === 'GetObject' && r.key === key && r.n === 1 ? 'stall-response' : undefined,
    );
  });
  afterEach(async () => proxy.close());

  test('the output pipe closes mid-download (EPIPE): the run is cancelled and its download deleted', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 's3b-tmp-epipe-'));
    const { child, run } = startVerify(proxy.endpoint, tmp);
    await partlyDownloaded(tmp, run);
    // the reader goes away, as `| head -2` does once it has its lines
    child.stdout.destroy();
    child.stderr.destroy();
    // the download resumes and says so: that write meets the closed pipe
    proxy.release();
    const r = await run;
    expect(r.code).toBe(130);
    expect(leftIn(tmp)).toEqual([]);
  });

  test('SIGTERM mid-download: exit 130, "the temporary download was deleted", nothing left', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 's3b-tmp-term-'));
    const { child, run } = startVerify(proxy.endpoint, tmp);
    await partlyDownloaded(tmp, run);
    child.kill('SIGTERM');
    const r = await run;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      's3-backup: error: cancelled by SIGTERM: the temporary download was deleted',
    );
    expect(leftIn(tmp)).toEqual([]);
  });
});

test('an error (one flipped byte: checksum mismatch): exit 1, nothing left', async () => {
  const proxy = await startFaultProxy(rgw().endpoint, (r) =>
    r.op === 'GetObject' && r.key === key ? 'flip' : undefined,
  );
  try {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 's3b-tmp-error-'));
    const { run } = startVerify(proxy.endpoint, tmp);
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`s3-backup: error: checksum mismatch for ${key}`);
    expect(leftIn(tmp)).toEqual([]);
  } finally {
    await proxy.close();
  }
});
