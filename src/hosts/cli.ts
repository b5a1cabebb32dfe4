/**
 * `s3-backup <verb>`: the same verbs and core as the action. Every action input is a flag of the same name, with the
 * same environment fallbacks. Logs go to stderr; results (plans, tables, --json) go to stdout. The help comes from the
 * tables alone: the commands and the run wrapper (the S3 SDK, the PostgreSQL client, ...) are loaded when a verb runs.
 */
import { plural } from '../core/format.js';
import { createInterface } from 'node:readline/promises';
import { Command as Program, Option } from 'commander';
import type { Command } from '../commands/command.js';
import { TOOL_VERSION } from '../core/version.js';
import type { Logger, RestorePlanSummary } from '../model/context.js';
import { UserError } from '../core/errors.js';
import type { RawInputs } from '../options/parse.js';
import { describeInput, inputsFor, type InputSpec } from '../options/spec.js';
import { camelCase, cliWords, COMMAND_NAMES, VERBS, type CommandName, type Verb } from '../options/verbs.js';
import { redact } from '../core/redact.js';
import type { Host } from './runner.js';
import { cliInputWording, commanderErrorLine } from './cli-errors.js';
import { helpGroup, inHelpOrder } from './cli-help.js';
import { useInputWording } from '../core/input-ref.js';

/** In a GitHub Actions step a warning becomes an annotation (stderr carries workflow commands too). */
const inActions = () => process.env.GITHUB_ACTIONS === 'true';
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Logs go to stderr (the run wrapper clears a progress line on the terminal first, so the two never mix). */
const stderrLog: Logger = {
  info: (m) => process.stderr.write(`${m}\n`),
  warning: (m) => process.stderr.write(inActions() ? `::warning::${escapeData(m)}\n` : `warning: ${m}\n`),
};

async function confirmOnTerminal(s: RestorePlanSummary): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(
      `Restore ${s.key} into database "${s.database}" on ${s.host}` +
        (s.existingTables ? `, replacing its ${plural(s.existingTables, 'table')}` : '') +
        '?\nType the database name to continue: ',
    );
    return answer.trim() === s.database;
  } finally {
    rl.close();
  }
}

function cliHost(json: boolean): Host {
  return {
    log: stderrLog,
    terminal: process.stderr.isTTY ? (text) => process.stderr.write(text) : undefined,
    context: { confirm: confirmOnTerminal, interactive: Boolean(process.stdin.isTTY) },
    write(_command, result) {
      if (json) process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
      else if (result.text) process.stdout.write(`${result.text}\n`);
    },
  };
}

/** `--flag`, `--flag=true|false`, `--no-flag`. */
function booleanValue(name: string) {
  return (value: string): boolean => {
    if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw new UserError(`${name}: "${value}" is not a boolean; use --${name}, --no-${name} or --${name}=true|false`);
  };
}

/** A value flag given twice with different values is refused: the last one silently winning could pick the target. */
function onceValue(name: string) {
  return (value: string, previous: string | undefined): string => {
    if (previous !== undefined && previous !== value) {
      throw new UserError(`${name}: given twice with different values; give --${name} once`);
    }
    return value;
  };
}

function helpOf(spec: InputSpec, verb: Verb): string {
  return describeInput(spec, verb) + (spec.env ? ` [env: ${spec.env.join(', ')}]` : '');
}

function addInputs(cmd: Program, verb: Verb): void {
  for (const spec of inHelpOrder(inputsFor(verb, { includeCliOnly: true }))) {
    const help = helpOf(spec, verb);
    const group = helpGroup(spec);
    if (spec.boolean && spec.name.startsWith('no-')) {
      // the input's name is already the negative (`--no-owner`): `--owner` is its positive form
      const base = spec.name.slice(3);
      cmd.addOption(new Option(`--${spec.name}`, help).helpGroup(group));
      cmd.addOption(new Option(`--${base}`, `undo --${spec.name}`).hideHelp().helpGroup(group));
    } else if (spec.boolean) {
      cmd.addOption(
        new Option(`--${spec.name} [true|false]`, help).argParser(booleanValue(spec.name)).helpGroup(group),
      );
      cmd.addOption(new Option(`--no-${spec.name}`, `not --${spec.name}`).hideHelp().helpGroup(group));
    } else {
      const withDefault = spec.default ? `${help} (default: ${spec.default})` : help;
      cmd.addOption(new Option(`--${spec.name} <value>`, withDefault).argParser(onceValue(spec.name)).helpGroup(group));
    }
  }
}

/** Commander's parsed flags → the same raw inputs the action reads. */
function rawFrom(opts: Record<string, unknown>): RawInputs {
  return (name) => {
    // `--no-owner` is the input no-owner; commander keeps it as owner=false
    const v =
      name.startsWith('no-') &&
      opts[camelCase(name)] === undefined &&
      typeof opts[camelCase(name.slice(3))] === 'boolean'
        ? !opts[camelCase(name.slice(3))]
        : opts[camelCase(name)];
    return v === undefined ? undefined : String(v);
  };
}

/** A verb's command, loaded when it runs (the demo is the CLI's alone: the action bundle never carries it). */
async function commandNamed(name: CommandName): Promise<Command> {
  if (name === 'demo') return (await import('../demo/demo-command.js')).demoCommand;
  return (await import('../commands/index.js')).COMMANDS[name];
}

/** Thrown by a verb's action on the help-only pass: the arguments ask for more than help after all. */
class NotHelp extends Error {}

function addCommand(
  program: Program,
  parents: Map<string, Program>,
  name: CommandName,
  signal: AbortSignal | undefined,
  withInputs: boolean,
): void {
  const words = cliWords(name);
  let parent = program;
  for (const group of words.slice(0, -1)) {
    let next = parents.get(group);
    if (!next) {
      const subcommands = COMMAND_NAMES.filter((n) => cliWords(n)[0] === group).map((n) => cliWords(n)[1]);
      next = program.command(group).description(`${group} ${subcommands.join(' | ')}`);
      parents.set(group, next);
    }
    parent = next;
  }
  const cmd = parent.command(words[words.length - 1]!).description(VERBS[name].description);
  if (withInputs && !VERBS[name].cliOnly) addInputs(cmd, name as Verb);
  cmd.addOption(new Option('--json', 'print the result as JSON on stdout').helpGroup('Output:'));
  // long flags ([true|false] ones) leave a narrow column: wrap it all the same
  cmd.configureHelp({ minWidthToWrap: 24 });
  cmd.action(async (opts: Record<string, unknown>) => {
    if (!signal) throw new NotHelp();
    const [command, { runCommand }] = await Promise.all([commandNamed(name), import('./runner.js')]);
    await runCommand(command, rawFrom(opts), cliHost(Boolean(opts.json)), signal);
  });
}

/** The command the arguments name (`backup`, `bucket init`), if they start with one. */
function commandIn(args: string[]): CommandName | undefined {
  return COMMAND_NAMES.find((name) => cliWords(name).every((word, i) => args[i] === word));
}

/**
 * The program; without a signal (the help-only pass) a verb's action throws NotHelp instead of running. Given the
 * arguments of a run, only the command they name gets its inputs: the others' would be built for nothing.
 */
export function buildProgram(signal: AbortSignal | undefined, args?: string[]): Program {
  // messages name inputs as flags and variables here
  useInputWording(cliInputWording);
  const program = new Program('s3-backup')
    .description(
      'PostgreSQL backups to S3 you can trust: pg_dump → compress → hash → streaming upload, verified restores.',
    )
    .version(TOOL_VERSION)
    // one line, like every other error (the subcommands inherit it)
    .configureOutput({ outputError: (text, write) => write(`${commanderErrorLine(text)}\n`) });
  const parents = new Map<string, Program>();
  const only = args && commandIn(args);
  for (const name of COMMAND_NAMES) addCommand(program, parents, name, signal, !only || name === only);
  return program;
}

/** No verb, `help`, or -h/--help before `--`: commander may answer from the tables alone. */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  const before = end < 0 ? args : args.slice(0, end);
  return before.length === 0 || before[0] === 'help' || before.some((a) => a === '--help' || a === '-h');
}

export async function main(argv = process.argv): Promise<never> {
  if (asksForHelp(argv.slice(2))) {
    // commander prints the help (or its one error line) and exits; a verb that runs after all comes back as NotHelp
    await buildProgram(undefined)
      .parseAsync(argv)
      .catch((err) => {
        if (!(err instanceof NotHelp)) throw err;
      });
  }
  const { runProcess } = await import('./runner.js');
  return runProcess(
    (signal) =>
      buildProgram(signal, argv.slice(2))
        .parseAsync(argv)
        .then(() => undefined),
    (line, err) => {
      process.stderr.write(`s3-backup: error: ${line}\n`);
      if (!(err instanceof UserError) && process.env.S3_BACKUP_DEBUG)
        process.stderr.write(`${redact(String((err as Error).stack))}\n`);
    },
    (line) => process.stderr.write(`s3-backup: error: ${line}\n`),
  );
}
