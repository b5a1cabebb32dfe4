// The action.yml files, the CLI and the reference pages are written from two tables: the verb table
// (src/options/verbs.ts) and the input table (src/options/spec.ts). Each artifact is checked here against properties
// of those tables — every verb, every input, every output present, every file it names existing — and against a few
// facts written out by hand; never against the code that generates it. The verb lists come from the verb table.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command as Program } from 'commander';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { buildProgram } from '../../src/hosts/cli.js';
import { describeInput, inputsFor } from '../../src/options/spec.js';
import { actionVerbs, camelCase, cliWords, COMMAND_NAMES, VERBS, type Verb } from '../../src/options/verbs.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const verbs = COMMAND_NAMES.filter((n): n is Verb => !VERBS[n].cliOnly);

interface ActionYml {
  name: string;
  description: string;
  runs: { using: string; main: string };
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; default: string; required: boolean }>;
  outputs?: Record<string, { description: string }>;
}
const actionYml = (folder: string) => parse(read(path.join(folder, 'action.yml'))) as ActionYml;

describe.each(actionVerbs())('$folder/action.yml ($verb)', ({ verb, folder, title, description }) => {
  const action = actionYml(folder);
  test("the verb's name and description; node24 running its own entry of the shared bundle, which exists", () => {
    expect(action).toMatchObject({ name: title, description, branding: { icon: 'database', color: 'blue' } });
    expect(action.runs.using).toBe('node24');
    const main = path.resolve(root, folder, action.runs.main);
    expect(path.relative(root, main)).toBe(`dist/action/${verb}.js`);
    expect(readFileSync(main, 'utf8')).toBe("import './index.js';\n");
  });
  test("exactly the verb's inputs, in the table's order, each kebab-case, described, optional, with a string default", () => {
    expect(Object.keys(action.inputs)).toEqual(inputsFor(verb).map((i) => i.name));
    for (const i of inputsFor(verb)) {
      expect(i.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(action.inputs[i.name]).toEqual({
        description: describeInput(i, verb),
        required: false,
        default: i.default,
      });
      expect(describeInput(i, verb).length, i.name).toBeGreaterThan(10);
    }
  });
  test("exactly the verb's outputs, described", () => {
    expect(Object.keys(action.outputs ?? {})).toEqual(VERBS[verb].outputs.map((o) => o.name));
    for (const o of VERBS[verb].outputs) expect(action.outputs![o.name]!.description).toBe(o.description);
  });
});

test('every folder with an action.yml is an action of the verb table', () => {
  const folders = readdirSync(root).filter(
    (d) => statSync(path.join(root, d)).isDirectory() && existsSync(path.join(root, d, 'action.yml')),
  );
  expect(['.', ...folders].sort()).toEqual(
    actionVerbs()
      .map((a) => a.folder)
      .sort(),
  );
});

test('facts users rely on, written out: the root is the backup action; check, restore and thaw as documented', () => {
  expect(actionYml('.').runs.main).toBe('dist/action/backup.js');
  expect(Object.keys(actionYml('.').outputs!)).toEqual(
    expect.arrayContaining(['key', 'uri', 'size', 'raw-size', 'sha256', 'duration-seconds', 'manifest-key']),
  );
  expect(actionYml('check').runs.main).toBe('../dist/action/check.js');
  expect(actionYml('check').inputs['max-age']).toMatchObject({ default: '26h' });
  expect(Object.keys(actionYml('check').outputs!)).toEqual(expect.arrayContaining(['fresh', 'age-seconds', 'key']));
  expect(Object.keys(actionYml('restore').inputs)).toEqual(
    expect.arrayContaining(['database-url', 'bucket', 'backup']),
  );
  expect(Object.keys(actionYml('thaw').outputs!)).toEqual(['key', 'storage-class', 'readable']);
  expect(existsSync(path.join(root, 'list', 'action.yml'))).toBe(false); // list is a CLI command only
});

/** `s3-backup <words…>` in the program. */
function commandOf(program: Program, words: string[]): Program | undefined {
  let cmd: Program | undefined = program;
  for (const w of words) cmd = cmd?.commands.find((c) => c.name() === w);
  return cmd;
}

describe('the CLI', () => {
  const program = buildProgram(new AbortController().signal);
  test("lists every command of the verb table, in the table's order (bucket's under `bucket`)", () => {
    const top = [...new Set(COMMAND_NAMES.map((n) => cliWords(n)[0]!))];
    expect(program.commands.map((c) => c.name())).toEqual(top);
    expect(commandOf(program, ['bucket'])!.commands.map((c) => c.name())).toEqual(['init', 'audit', 'replicate']);
  });
  test.each(COMMAND_NAMES)(
    "%s: the table's description, --json, and a flag of the same name for every input",
    (name) => {
      const cmd = commandOf(program, cliWords(name))!;
      expect(cmd.description()).toBe(VERBS[name].description);
      const flags = cmd.options.map((o) => o.long);
      expect(flags).toContain('--json');
      const inputs = VERBS[name].cliOnly ? [] : inputsFor(name as Verb, { includeCliOnly: true });
      for (const input of inputs) expect(flags).toContain(`--${input.name}`);
      // the CLI reads a flag's value under commander's name for it: the one camelCase rule
      for (const o of cmd.options.filter((o) => !o.negate)) expect(o.attributeName()).toBe(camelCase(o.long!.slice(2)));
    },
  );
});

test.each([
  ['duration-seconds', 'durationSeconds'],
  ['age-seconds', 'ageSeconds'],
  ['server-version', 'serverVersion'],
  ['key', 'key'],
  ['s3-timeout', 's3Timeout'],
  ['part-2x', 'part2x'],
])('camelCase(%s) = %s', (kebab, camel) => {
  expect(camelCase(kebab)).toBe(camel);
});

/** GitHub's anchor for a heading. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

test.each(COMMAND_NAMES.filter((n) => VERBS[n].guide))('%s: its guide page and heading exist', (name) => {
  const [page, anchor] = VERBS[name].guide!.page.split('#');
  const text = read(path.join('docs', page!));
  if (anchor)
    expect(
      text
        .split('\n')
        .filter((l) => /^#+ /.test(l))
        .map((l) => slug(l.replace(/^#+ /, ''))),
    ).toContain(anchor);
});

describe('the reference pages', () => {
  const row = (name: string) => `| \`${name}\` |`;
  test.each(actionVerbs())("$verb's page names every input and output and says what the action does", (a) => {
    const page = read(a.folder === '.' ? `docs/reference/${a.verb}.md` : `${a.folder}/README.md`);
    expect(page).toContain(a.description);
    for (const i of inputsFor(a.verb)) expect(page).toContain(row(i.name));
    for (const o of VERBS[a.verb].outputs) expect(page).toContain(row(o.name));
    if (!VERBS[a.verb].outputs.length) expect(page).toMatch(/## Outputs\n\nNone\./);
  });
  test.each(COMMAND_NAMES)('cli.md: `s3-backup %s` has its section, with every flag', (name) => {
    const cli = read('docs/reference/cli.md');
    const heading = `## \`s3-backup ${cliWords(name).join(' ')}\``;
    expect(cli).toContain(`${heading}\n`);
    const section = cli.slice(cli.indexOf(`${heading}\n`)).split('\n## ')[0]!;
    expect(section).toContain(VERBS[name].description);
    const inputs = VERBS[name].cliOnly ? [] : inputsFor(name as Verb, { includeCliOnly: true });
    for (const i of inputs) expect(section).toContain(`| \`--${i.name}`);
  });
  test('cli.md: the --json fields of every verb with outputs, camelCase', () => {
    const cli = read('docs/reference/cli.md');
    for (const v of verbs.filter((v) => VERBS[v].outputs.length)) {
      const section = cli.slice(cli.indexOf(`### \`${cliWords(v).join(' ')} --json\``)).split('\n### ')[0]!;
      for (const o of VERBS[v].outputs) expect(section, `${v}: ${o.name}`).toContain(row(camelCase(o.name)));
    }
  });
  test('the index links every action', () => {
    const index = read('docs/reference/README.md');
    for (const a of actionVerbs()) {
      const uses = a.folder === '.' ? 'outtime/s3-backup@v1' : `outtime/s3-backup/${a.folder}@v1`;
      expect(index).toContain(`[\`${uses}\`]`);
    }
  });
});
