// Users run dist/, not src/: a build from the current sources must reproduce the committed bundles, action.yml
// files and reference pages byte for byte (the check-dist workflow does the same on GitHub).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

/**
 * What `npm run build` writes under a root: every action.yml with its reference page (<folder>/README.md; the root
 * action's is docs/reference/backup.md), docs/reference/ and dist/. The hand-written README.md at the root and the
 * other pages under docs/ are not build output.
 */
function generated(base: string): string[] {
  const folders = readdirSync(base).filter(
    (d) => statSync(path.join(base, d)).isDirectory() && existsSync(path.join(base, d, 'action.yml')),
  );
  const references = existsSync(path.join(base, 'docs/reference'))
    ? files(path.join(base, 'docs/reference')).map((f) => `docs/reference/${f}`)
    : [];
  return [
    'action.yml',
    ...folders.flatMap((d) => [
      `${d}/action.yml`,
      ...(existsSync(path.join(base, d, 'README.md')) ? [`${d}/README.md`] : []),
    ]),
    ...references,
    ...files(path.join(base, 'dist')).map((f) => `dist/${f}`),
  ].sort();
}

test('dist/, every action.yml and the reference pages are what `npm run build` makes of src/', {
  timeout: 180_000,
}, async () => {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], {
    cwd: root,
    env: { ...process.env, BUILD_OUT: out },
  });
  const built = generated(out);
  expect(built).toEqual(
    expect.arrayContaining(['docs/reference/backup.md', 'docs/reference/cli.md', 'restore/README.md']),
  );
  expect(generated(root), 'generated files differ: run npm run build and commit').toEqual(built);
  const stale = built.filter((f) => !readFileSync(path.join(out, f)).equals(readFileSync(path.join(root, f))));
  expect(
    stale,
    'stale build output: run `npm run build` and commit dist/, the action.yml files and the reference pages',
  ).toEqual([]);
});
