// Every verb's --help against a committed snapshot: a change to the flags, their groups or their wording is a visible
// diff (update with `npx vitest run --project unit test/unit/help.test.ts -u`).
import type { Command as Program } from 'commander';
import { describe, expect, test } from 'vitest';
import { buildProgram } from '../../src/hosts/cli.js';
import { cliWords, COMMAND_NAMES } from '../../src/options/verbs.js';

function helpOf(words: string[]): string {
  let cmd: Program | undefined = buildProgram(new AbortController().signal);
  for (const w of words) cmd = cmd?.commands.find((c) => c.name() === w);
  if (!cmd) throw new Error(`no command ${words.join(' ')}`);
  cmd.configureOutput({ getOutHelpWidth: () => 100, getOutHasColors: () => false });
  return cmd.helpInformation();
}

describe('--help of every verb', () => {
  test.each(COMMAND_NAMES.map((n) => [cliWords(n).join(' ')]))('%s', async (words) => {
    const text = helpOf(words.split(' '));
    await expect(text).toMatchFileSnapshot(`__snapshots__/help/${words.replace(/ /g, '-')}.txt`);
  });

  test('required inputs come first; a verb offers only its own inputs', () => {
    const backup = helpOf(['backup']);
    expect(backup.indexOf('Required:')).toBeLessThan(backup.indexOf('Common:'));
    expect(backup.slice(backup.indexOf('Required:'), backup.indexOf('Common:'))).toMatch(
      /--database-url[\s\S]*--bucket/,
    );
    const list = helpOf(['list']);
    expect(list).not.toContain('Default: the database name');
    expect(list).not.toContain('--database-url');
  });

  test('every input has a topic: no verb lists an "Other:" group', () => {
    for (const n of COMMAND_NAMES) expect(helpOf(cliWords(n)), cliWords(n).join(' ')).not.toContain('\nOther:\n');
  });

  test('every line of bucket init fits the width, like the others', () => {
    for (const line of helpOf(['bucket', 'init']).split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('the program of a run', () => {
  const optionsOf = (program: Program, words: string[]): string[] => {
    let cmd: Program | undefined = program;
    for (const w of words) cmd = cmd?.commands.find((c) => c.name() === w);
    return (cmd?.options ?? []).map((o) => o.long ?? '');
  };

  test('the command the arguments name has all its flags; the others are not built', () => {
    const full = buildProgram(new AbortController().signal);
    for (const words of [['backup'], ['bucket', 'init'], ['set', 'close']]) {
      const run = buildProgram(new AbortController().signal, [...words, '--json']);
      expect(optionsOf(run, words)).toEqual(optionsOf(full, words));
      expect(optionsOf(run, ['restore'])).toEqual(['--json']);
    }
  });

  test('arguments that name no command build every command with its flags', () => {
    const full = buildProgram(new AbortController().signal);
    const run = buildProgram(new AbortController().signal, ['--bucket', 'x']);
    for (const n of COMMAND_NAMES) expect(optionsOf(run, cliWords(n))).toEqual(optionsOf(full, cliWords(n)));
  });
});
