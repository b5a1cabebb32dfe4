// The CLI keeps its bundle's compiled code between runs where Node can (≥ 22.1: the project's Node 24 here): in the
// user's cache folder, never in the temporary directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off. The other
// integration tests run the CLI on the test runner's Node (20 on this machine), where there is no cache to keep.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ROOT } from '../support/run.js';

const CLI = path.join(ROOT, 'dist/cli/index.js');
const NODE24 = path.join(ROOT, 'node_modules/node/bin/node');

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('compile cache: the CLI keeps its compiled code in the cache folder', () => {
  let dir: string;
  let cache: string;
  let temp: string;
  const run = (node: string, extra: Record<string, string> = {}) => {
    const env = { PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: cache, TMPDIR: temp, ...extra };
    const r = spawnSync(node, [CLI, '--help'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('backup');
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'compile-cache-'));
    cache = path.join(dir, 'cache');
    temp = path.join(dir, 'tmp');
    await mkdir(temp);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  test('Node 24: under XDG_CACHE_HOME/s3-backup, nothing in the temporary directory', async () => {
    run(NODE24);
    const files = await filesUnder(cache);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith(path.join('s3-backup', 'compile-cache') + path.sep))).toBe(true);
    expect(await filesUnder(temp)).toEqual([]);
  });

  test('NODE_DISABLE_COMPILE_CACHE=1 writes nothing', async () => {
    run(NODE24, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(await filesUnder(cache)).toEqual([]);
    expect(await filesUnder(temp)).toEqual([]);
  });
});
