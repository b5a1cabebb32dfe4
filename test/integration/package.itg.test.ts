// The npm package is the CLI bundle and its licences, nothing to fetch: packed, then installed in an empty folder
// with an empty cache and the registry unreachable, it answers --version and makes a real backup.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { backupArgs } from '../support/cli-args.js';
import { pg, rgw } from '../support/context.js';
import { ROOT, runNode, baseEnv, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, listAllKeys } from '../support/s3-servers.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies?: object;
};

let dir: string;
let bin: string;
let bucket: string;
let installSeconds = 0;

// npm itself runs on the Node that runs the tests; nothing may reach a registry: an empty cache, offline, and a
// registry address where nothing listens
const npm = (args: string[], cwd: string) =>
  run(
    'npm',
    [...args, '--cache', path.join(dir, 'npm-cache'), '--registry=http://127.0.0.1:9', '--no-audit', '--no-fund'],
    {
      cwd,
      env: baseEnv({ npm_config_update_notifier: 'false' }),
      maxBuffer: 16 * 1024 * 1024,
    },
  );

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 's3-backup-package-'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir, ROOT], dir);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  writeFileSync(path.join(dir, 'package.json'), '{}'); // keeps npm from walking up to a parent project
  const started = process.hrtime.bigint();
  await npm(['install', '--offline', path.join(dir, packed!.filename)], dir);
  installSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  bin = path.join(dir, 'node_modules', '.bin', 's3-backup');
  bucket = await createBucket(rgw());
});
afterAll(async () => {
  if (bucket) await emptyAndDeleteBucket(rgw(), bucket);
  rmSync(dir, { recursive: true, force: true });
});

test('the package declares no runtime dependencies and ships the bundle with its licences', () => {
  expect(pkg.dependencies ?? {}).toEqual({});
  const installed = path.join(dir, 'node_modules', pkg.name);
  // the one package installed: nothing else came along
  expect(readdirSync(path.join(dir, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([pkg.name]);
  expect(statSync(path.join(installed, 'dist', 'cli', 'index.js')).isFile()).toBe(true);
  const licences = readFileSync(path.join(installed, 'dist', 'cli', 'licenses.txt'), 'utf8');
  // each bundled package: its name and version, its licence, then its licence file
  for (const [name, licence] of <Array<[string, string]>>[
    ['@aws-sdk/client-s3', 'Apache-2.0'],
    ['commander', 'MIT'],
    ['pg', 'MIT'],
    ['openpgp', 'LGPL-3.0+'],
    ['nodemailer', 'MIT-0'],
  ]) {
    expect(licences, `licenses.txt names ${name}`).toMatch(
      new RegExp(`^${name} \\d[^\\n]*\\n${licence.replace('+', '\\+')}\\n`, 'm'),
    );
  }
  expect(existsSync(path.join(installed, 'LICENSE'))).toBe(true);
  expect(installSeconds, 'an offline install of the tarball is quick').toBeLessThan(30);
});

test('the installed s3-backup prints its version and backs up a database', async () => {
  const version = await runNode(bin, ['--version'], baseEnv(), { label: 'packaged s3-backup' });
  expect(version.code).toBe(0);
  expect(version.stdout.trim()).toBe(pkg.version);

  const db = await pg(15).createDatabase();
  await pg(15).exec(db, 'CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 100);');
  const place = { bucket, endpoint: rgw().endpoint, environment: 'packaged' };
  const r = await runNode(bin, backupArgs(pg(15).url(db), place, '--json'), baseEnv(s3Env(rgw())), {
    label: 'packaged s3-backup',
  });
  expect(r.code, r.stderr).toBe(0);
  const { key } = JSON.parse(r.stdout) as { key: string };
  const keys = await listAllKeys(rgw(), bucket);
  expect(keys).toContain(key);
  expect(keys).toContain(`${key}.sha256`);
});
