// The README's test command is what CI runs (.ci/run reads it out of the README): it must stand alone on a fresh
// clone of a fresh machine, as root without sudo too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test('the README test command installs the system packages, then the npm packages, then runs the tests; no sudo', () => {
  const line = readme.split('\n').find((l) => /^[^#]*bash \.ci\/install-deps\.sh/.test(l));
  expect(line).toBeDefined();
  const command = line!.replace(/\s+#.*$/, '');
  expect(command).toBe('bash .ci/install-deps.sh && npm ci && npm test');
});

test('.ci/run runs exactly that line, and refuses a README that says another', () => {
  const ciRun = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
  const command = 'bash .ci/install-deps.sh && npm ci && npm test';
  expect(ciRun.split('\n').filter((l) => l === command)).toHaveLength(1);
  const dir = mkdtempSync(path.join(os.tmpdir(), 's3b-ci-run-'));
  try {
    mkdirSync(path.join(dir, '.ci'));
    copyFileSync(path.join(ROOT, '.ci/run'), path.join(dir, '.ci/run'));
    writeFileSync(
      path.join(dir, 'README.md'),
      '# x\n\n```sh\nbash .ci/install-deps.sh && npm test   # the tests\n```\n',
    );
    let code = 0;
    try {
      execFileSync('bash', [path.join(dir, '.ci/run')], { stdio: 'ignore' });
    } catch (err) {
      code = (err as { status: number }).status;
    }
    expect(code).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
