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

test('.ci/run runs that line from the README, one ::group:: per step before the tests, and stops at a failing step', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 's3b-ci-run-'));
  try {
    mkdirSync(path.join(dir, '.ci'));
    copyFileSync(path.join(ROOT, '.ci/run'), path.join(dir, '.ci/run'));
    writeFileSync(path.join(dir, '.ci/install-deps.sh'), 'echo deps installed\n');
    const run = (testLine: string) => {
      writeFileSync(
        path.join(dir, 'README.md'),
        `# x\n\n\`\`\`sh\nnpm ci && npm run demo   # the demo\n${testLine}   # the tests\n\`\`\`\n`,
      );
      try {
        return {
          code: 0,
          out: execFileSync('bash', [path.join(dir, '.ci/run')], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
        };
      } catch (err) {
        const e = err as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    expect(run('bash .ci/install-deps.sh && echo "step two" && echo the tests')).toEqual({
      code: 0,
      out: [
        'README test command: bash .ci/install-deps.sh && echo "step two" && echo the tests',
        '::group::bash .ci/install-deps.sh',
        'deps installed',
        '::endgroup::',
        '::group::echo "step two"',
        'step two',
        '::endgroup::',
        'the tests',
        '',
      ].join('\n'),
    });
    const failed = run('bash .ci/install-deps.sh && false && echo never');
    expect(failed.code).toBe(1);
    expect(failed.out.trim().split('\n').at(-1)).toBe('::group::false');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
