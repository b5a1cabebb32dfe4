// The action metadata, the CLI flags and the options parser all come from one table: prove they agree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { buildProgram } from '../../src/hosts/cli.js';
import { INPUTS, OUTPUTS, inputsFor } from '../../src/options/spec.js';

const root = path.resolve(import.meta.dirname, '../..');
const actions = {
  backup: parse(readFileSync(path.join(root, 'action.yml'), 'utf8')),
  restore: parse(readFileSync(path.join(root, 'restore/action.yml'), 'utf8')),
  verify: parse(readFileSync(path.join(root, 'verify/action.yml'), 'utf8')),
  validate: parse(readFileSync(path.join(root, 'validate/action.yml'), 'utf8')),
  check: parse(readFileSync(path.join(root, 'check/action.yml'), 'utf8')),
};

describe.each(['backup', 'restore', 'verify', 'validate', 'check'] as const)('%s action.yml', (verb) => {
  const action = actions[verb];
  test('runs on node24, has branding', () => {
    expect(action.runs.using).toBe('node24');
    expect(action.branding).toMatchObject({ icon: expect.any(String), color: expect.any(String) });
  });
  test('inputs: kebab-case, each with a description and a default, exactly the spec', () => {
    expect(Object.keys(action.inputs)).toEqual(inputsFor(verb).map((i) => i.name));
    for (const [name, input] of Object.entries<{ description: string; default: string }>(action.inputs)) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(input.description.length).toBeGreaterThan(10);
      expect(typeof input.default).toBe('string');
    }
  });
  test('outputs as the spec says', () => {
    expect(Object.keys(action.outputs)).toEqual(OUTPUTS[verb].map((o) => o.name));
  });
});

test('the backup action has every output the issue names', () => {
  expect(Object.keys(actions.backup.outputs)).toEqual(
    expect.arrayContaining([
      'key',
      'uri',
      'size',
      'raw-size',
      'sha256',
      'duration-seconds',
      'server-version',
      'pg-dump-version',
      'manifest-key',
    ]),
  );
});

test.each(['backup', 'restore', 'list', 'verify', 'validate', 'check'] as const)(
  'every %s input is a CLI flag of the same name',
  (verb) => {
    const program = buildProgram(new AbortController().signal);
    const cmd = program.commands.find((c: { name(): string }) => c.name() === verb)!;
    const flags = cmd.options.map((o: { long?: string }) => o.long);
    for (const input of INPUTS.filter((i) => i.verbs.includes(verb))) expect(flags).toContain(`--${input.name}`);
  },
);
