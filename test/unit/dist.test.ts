// Users run dist/, not src/: a build from the current sources must reproduce the committed bundles and action.yml
// files byte for byte (the check-dist workflow does the same on GitHub).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 's3-backup-dist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, base) : [path.relative(base, full)];
  });
}

test('dist/ and every action.yml are what `npm run build` makes of src/', { timeout: 180_000 }, async () => {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: root, env: { ...process.env, BUILD_OUT: out } });
  const actionFiles = (base: string) =>
    ['action.yml', ...readdirSync(base).filter((d) => statSync(path.join(base, d)).isDirectory() && readdirSync(path.join(base, d)).includes('action.yml')).map((d) => `${d}/action.yml`)];
  const built = [...actionFiles(out), ...files(path.join(out, 'dist')).map((f) => `dist/${f}`)].sort();
  const committed = [...actionFiles(root).filter((f) => f !== 'README.md'), ...files(path.join(root, 'dist')).map((f) => `dist/${f}`)].sort();
  expect(committed, 'files in dist/ differ: run npm run build and commit').toEqual(built);
  const stale = built.filter((f) => !readFileSync(path.join(out, f)).equals(readFileSync(path.join(root, f))));
  expect(stale, 'stale build output: run `npm run build` and commit dist/').toEqual([]);
});
