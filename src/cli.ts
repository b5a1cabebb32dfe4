/**
 * `s3-backup <verb>`: the same verbs and core as the action. Every action input is a flag of the same name; the
 * environment fallbacks are the same too. Logs go to stderr, results to stdout (--json for scripts).
 */
import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import { backup } from './backup.js';
import { restore, type RestorePlanSummary } from './restore.js';
import { listBackups } from './list.js';
import { oneLine, UserError } from './errors.js';
import { cancellation, flushStdio, runContext } from './host.js';
import { inputsFor, type Verb } from './options/spec.js';
import { parseBackupOptions, parseListOptions, parseRestoreOptions, parseValidateOptions, parseVerifyOptions, type RawInputs } from './options/parse.js';
import { verify } from './verify.js';
import { failureLine, validate } from './validate.js';
import { redact } from './redact.js';
import { backupOutputs, restoreOutputs, validateOutputs, verifyOutputs } from './report.js';
import { TOOL_VERSION, type Logger } from './context.js';
import { formatBytes } from './backup.js';
import { addAdminCommands } from './cli-admin.js';

const log: Logger = {
  info: (m) => process.stderr.write(`${redact(m)}\n`),
  warning: (m) => process.stderr.write(`warning: ${redact(m)}\n`),
};

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function addInputs(cmd: Command, verb: Verb): Command {
  for (const spec of inputsFor(verb, { includeCliOnly: true })) {
    const desc = spec.description + (spec.env ? ` [env: ${spec.env.join(', ')}]` : '');
    if (spec.flag) cmd.addOption(new Option(`--${spec.name}`, desc));
    else cmd.addOption(new Option(`--${spec.name} <value>`, desc + (spec.default ? ` (default: ${spec.default})` : '')));
  }
  return cmd;
}

/** Commander's parsed flags → the same raw inputs the action reads. */
function rawFrom(opts: Record<string, unknown>): RawInputs {
  return (name) => {
    // commander reads --no-owner as owner=false
    const v = name.startsWith('no-') && opts[camel(name)] === undefined ? (opts[camel(name.slice(3))] === false ? true : undefined) : opts[camel(name)];
    if (v === undefined) return undefined;
    return typeof v === 'boolean' ? String(v) : String(v);
  };
}

function print(json: boolean, data: unknown, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
}

async function confirmInteractive(s: RestorePlanSummary): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(
      `Restore ${s.key} into database "${s.database}" on ${s.host}` +
        (s.existingTables ? `, replacing its ${s.existingTables} tables` : '') +
        `?\nType the database name to continue: `,
    );
    return answer.trim() === s.database;
  } finally {
    rl.close();
  }
}

export function buildProgram(signal: AbortSignal): Command {
  const program = new Command('s3-backup')
    .description('PostgreSQL backups to S3 you can trust: pg_dump → compress → hash → streaming upload, verified restores.')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for the flags)');

  addInputs(program.command('backup').description('dump a database and stream it to S3 with .sha256 and .meta sidecars'), 'backup')
    .option('--json', 'print the result as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const result = await backup(parseBackupOptions(rawFrom(opts)), runContext(log, signal));
      print(Boolean(opts.json), { ...backupOutputs(result), manifest: undefined }, `${result.uri}\nsha256 ${result.sha256}  ${formatBytes(result.size)}`);
      if (result.retention?.pruneError) throw result.retention.pruneError;
    });

  addInputs(program.command('restore').description('verify a backup\'s SHA-256, then restore it into a database'), 'restore')
    .option('--json', 'print the result as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const options = parseRestoreOptions(rawFrom(opts));
      if (!options.yes && !process.stdin.isTTY) {
        throw new UserError(`restore overwrites database "${options.connection.database}": pass --yes to confirm when not running interactively`);
      }
      const result = await restore(options, runContext(log, signal), options.yes ? undefined : confirmInteractive);
      print(Boolean(opts.json), restoreOutputs(result), `restored ${result.key} into ${result.database} (sha256 verified)`);
    });

  addInputs(program.command('list').description('list backups, newest first'), 'list')
    .option('--json', 'print the listing as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const { backups, latestKey } = await listBackups(parseListOptions(rawFrom(opts)));
      const rows = backups.map((b) => ({
        key: b.key, time: b.at.toISOString(), size: b.size, format: b.format, compression: b.compression,
        hasChecksum: b.hasChecksum, hasManifest: b.hasManifest, latest: b.key === latestKey,
      }));
      const human = rows.length
        ? rows.map((r) => `${r.time}  ${formatBytes(r.size).padStart(10)}  ${r.format.padEnd(6)} ${r.hasChecksum ? 'sha256' : 'NO-SUM'}  ${r.key}${r.latest ? '  (latest)' : ''}`).join('\n')
        : 'no backups';
      print(Boolean(opts.json), rows, human);
    });

  addInputs(program.command('verify').description('download a backup, check its SHA-256 and decode every byte (no database needed)'), 'verify')
    .option('--json', 'print the result as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const result = await verify(parseVerifyOptions(rawFrom(opts)), runContext(log, signal));
      print(Boolean(opts.json), verifyOutputs(result), `verified ${result.key}: sha256 ${result.sha256}, every byte decodes`);
    });

  addInputs(
    program.command('validate').description('restore drill: restore into a scratch database and compare it with the manifest'),
    'validate',
  )
    .option('--json', 'print the result and every check as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const result = await validate(parseValidateOptions(rawFrom(opts)), runContext(log, signal));
      const human = [
        ...result.checks.filter((c) => !c.ok).map((c) => `✗ ${c.check}: expected ${c.expected}, found ${c.found}`),
        `${result.status}: ${result.checks.length - result.mismatches}/${result.checks.length} checks, ${result.tablesChecked} tables, ${result.rowsChecked} rows (${result.key})`,
      ].join('\n');
      print(Boolean(opts.json), { ...validateOutputs(result), checks: result.checks }, human);
      if (result.status === 'failed') throw new UserError(failureLine(result));
    });

  addAdminCommands(program, { addInputs, rawFrom, print, log, signal });

  program
    .command('demo')
    .description('start a local PostgreSQL and S3 server, back up, list, restore and compare; no credentials needed')
    .action(async () => {
      const { runDemo } = await import('./demo.js');
      await runDemo(log, signal);
    });
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  const cancel = cancellation();
  try {
    await buildProgram(cancel.signal).parseAsync(argv);
  } catch (err) {
    process.stderr.write(`s3-backup: error: ${redact(oneLine(err))}\n`);
    if (!(err instanceof UserError) && process.env.S3_BACKUP_DEBUG) process.stderr.write(`${redact(String((err as Error).stack))}\n`);
    process.exitCode = (err as Error).name === 'CancelledError' ? 130 : 1;
  } finally {
    cancel.dispose();
  }
  await flushStdio();
  process.exit(process.exitCode ?? 0);
}
