/**
 * `s3-backup <verb>`: the same verbs and core as the action. Every action input is a flag of the same name; the
 * environment fallbacks are the same too. Logs go to stderr, results to stdout (--json for scripts).
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import { backup } from './backup.js';
import { restore, type RestorePlanSummary } from './restore.js';
import { listBackups } from './list.js';
import { assertFresh, checkFreshness, formatAge } from './check.js';
import { oneLine, UserError } from './errors.js';
import { cancellation, flushStdio, runContext } from './host.js';
import { MONITORED, inputsFor, type Verb } from './options/spec.js';
import { parseBackupOptions, parseListOptions, parseRestoreOptions, parseValidateOptions, parseVerifyOptions, type RawInputs } from './options/parse.js';
import { parseCheckOptions } from './options/check.js';
import { parseMonitorOptions, parseReportOptions } from './options/monitoring.js';
import { verify } from './verify.js';
import { failureLine, validate } from './validate.js';
import { redact } from './redact.js';
import {
  backupOutputs, backupSummary, restoreOutputs, restoreSummary, validateOutputs, validateSummary, verifyOutputs, verifySummary,
} from './report.js';
import { TOOL_VERSION, type Logger, type RunContext } from './context.js';
import { formatBytes } from './backup.js';
import { LogTail, tailing } from './monitor/log-tail.js';
import { monitored, RunMonitors } from './monitor/monitors.js';
import { backupTrend } from './reporting/backup-report.js';
import { Progress } from './reporting/progress.js';
import { checkJson, checkSummary, listSummary } from './reporting/summaries.js';
import { addAdminCommands } from './cli-admin.js';
import { createS3Client } from './s3/client.js';

/** In a GitHub Actions step a warning becomes an annotation (stderr carries workflow commands too). */
const inActions = () => process.env.GITHUB_ACTIONS === 'true';
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Logs go to stderr; a progress line on the terminal is cleared first so the two never mix. */
function stderrLog(progress?: () => Progress | undefined): Logger {
  return {
    info: (m) => {
      progress?.()?.clear();
      process.stderr.write(`${redact(m)}\n`);
    },
    warning: (m) => {
      progress?.()?.clear();
      process.stderr.write(inActions() ? `::warning::${escapeData(redact(m))}\n` : `warning: ${redact(m)}\n`);
    },
  };
}

const log: Logger = stderrLog();

/** Run in a GitHub Actions step, the CLI writes the same job summary as the action. */
function writeSummary(markdown: string, warn: Logger): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    appendFileSync(file, `${redact(markdown)}\n`);
  } catch (err) {
    warn.warning(`could not write the job summary: ${(err as Error).message}`);
  }
}

/**
 * One monitored run: the monitors hear of its start and end, the progress shows on the terminal (or every few
 * seconds in a log), and `work` returns the line a success report carries.
 */
async function run(verb: Verb, raw: RawInputs, signal: AbortSignal, work: (ctx: RunContext, log: Logger) => Promise<string>): Promise<void> {
  const tail = new LogTail();
  let progress: Progress | undefined;
  const runLog = tailing(stderrLog(() => progress), tail);
  progress = process.stderr.isTTY
    ? new Progress({ mode: 'tty', write: (t) => process.stderr.write(t) })
    : new Progress({
        mode: 'lines',
        write: (t) => {
          tail.progress(t.trimEnd());
          stderrLog().info(t.trimEnd());
        },
      });
  try {
    const monitoring = MONITORED.includes(verb) ? parseMonitorOptions(raw) : undefined;
    const monitors = monitoring ? new RunMonitors(monitoring, runLog, verb) : undefined;
    const ctx = runContext(runLog, signal, { onProgress: (p) => progress?.update(p.phase, p.bytes) });
    await monitored(monitors, tail, () => work(ctx, runLog));
  } finally {
    progress.clear();
  }
}

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
      const raw = rawFrom(opts);
      await run('backup', raw, signal, async (ctx, runLog) => {
        const options = parseBackupOptions(raw);
        const report = parseReportOptions(raw);
        const result = await backup(options, ctx);
        const trend = await backupTrend(options, result, report, ctx);
        if (trend.shrink) runLog.warning(trend.shrink);
        writeSummary(backupSummary(result) + (trend.section ? `\n${trend.section}` : ''), runLog);
        print(
          Boolean(opts.json),
          { ...backupOutputs(result), trend: { points: trend.points, ...trend.stats, shrinkWarning: trend.shrink ?? null } },
          `${result.uri}\nsha256 ${result.sha256}  ${formatBytes(result.size)}`,
        );
        if (result.retention?.pruneError) throw result.retention.pruneError;
        return `backed up ${result.uri}: ${formatBytes(result.size)}, sha256 ${result.sha256}${trend.shrink ? ` — warning: ${trend.shrink}` : ''}`;
      });
    });

  addInputs(program.command('restore').description('verify a backup\'s SHA-256, then restore it into a database'), 'restore')
    .option('--json', 'print the result as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const raw = rawFrom(opts);
      await run('restore', raw, signal, async (ctx, runLog) => {
        const options = parseRestoreOptions(raw);
        if (!options.yes && !process.stdin.isTTY) {
          throw new UserError(`restore overwrites database "${options.connection.database}": pass --yes to confirm when not running interactively`);
        }
        const result = await restore(options, ctx, options.yes ? undefined : confirmInteractive);
        writeSummary(restoreSummary(result), runLog);
        print(Boolean(opts.json), restoreOutputs(result), `restored ${result.key} into ${result.database} (sha256 verified)`);
        return `restored ${result.key} into ${result.database} (sha256 verified)`;
      });
    });

  addInputs(program.command('list').description('list backups, newest first'), 'list')
    .option('--json', 'print the listing as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const options = parseListOptions(rawFrom(opts));
      const { backups, latestKey } = await listBackups(options, createS3Client(options.s3, { signal }));
      const rows = backups.map((b) => ({
        key: b.key, time: b.at.toISOString(), size: b.size, format: b.format, compression: b.compression, encryption: b.encryption ?? null,
        hasChecksum: b.hasChecksum, hasManifest: b.hasManifest, latest: b.key === latestKey,
      }));
      const human = rows.length
        ? rows.map((r) => `${r.time}  ${formatBytes(r.size).padStart(10)}  ${r.format.padEnd(6)} ${r.hasChecksum ? 'sha256' : 'NO-SUM'}  ${r.key}${r.latest ? '  (latest)' : ''}`).join('\n')
        : 'no backups';
      writeSummary(listSummary(options.s3.bucket, options.s3.prefix, backups, latestKey), log);
      print(Boolean(opts.json), rows, human);
    });

  addInputs(
    program.command('check').description('fail unless the newest good backup (object + .sha256 + .meta) is younger than --max-age'),
    'check',
  )
    .option('--json', 'print the result as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const raw = rawFrom(opts);
      await run('check', raw, signal, async (ctx, runLog) => {
        const options = parseCheckOptions(raw);
        const result = await checkFreshness(options, ctx);
        writeSummary(checkSummary(result), runLog);
        const n = result.newest;
        print(
          Boolean(opts.json),
          checkJson(result),
          n ? `${result.fresh ? 'fresh' : 'STALE'}: ${n.uri} taken ${n.backupTime} (${formatAge(n.ageSeconds)} ago, max-age ${formatAge(result.maxAgeSeconds)})` : 'STALE: no good backup',
        );
        assertFresh(result, options);
        return n ? `newest good backup ${n.key} is ${formatAge(n.ageSeconds)} old (max-age ${formatAge(result.maxAgeSeconds)})${result.fresh ? '' : ': stale'}` : 'no good backup';
      });
    });

  addInputs(program.command('verify').description('download a backup, check its SHA-256 and decode every byte (no database needed)'), 'verify')
    .option('--json', 'print the result as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const raw = rawFrom(opts);
      await run('verify', raw, signal, async (ctx, runLog) => {
        const result = await verify(parseVerifyOptions(raw), ctx);
        writeSummary(verifySummary(result), runLog);
        print(Boolean(opts.json), verifyOutputs(result), `verified ${result.key}: sha256 ${result.sha256}, every byte decodes`);
        return `verified ${result.key}: sha256 ${result.sha256}, ${formatBytes(result.bytes)} decoded`;
      });
    });

  addInputs(
    program.command('validate').description('restore drill: restore into a scratch database and compare it with the manifest'),
    'validate',
  )
    .option('--json', 'print the result and every check as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const raw = rawFrom(opts);
      await run('validate', raw, signal, async (ctx, runLog) => {
        const result = await validate(parseValidateOptions(raw), ctx);
        writeSummary(validateSummary(result), runLog);
        const human = [
          ...result.checks.filter((c) => !c.ok).map((c) => `✗ ${c.check}: expected ${c.expected}, found ${c.found}`),
          `${result.status}: ${result.checks.length - result.mismatches}/${result.checks.length} checks, ${result.tablesChecked} tables, ${result.rowsChecked} rows (${result.key})`,
        ].join('\n');
        print(Boolean(opts.json), { ...validateOutputs(result), checks: result.checks }, human);
        if (result.status === 'failed') throw new UserError(failureLine(result));
        return `validated ${result.key}: ${result.tablesChecked} tables, ${result.rowsChecked} rows as the manifest says (restored into PostgreSQL ${result.restoredMajor})`;
      });
    });

  addAdminCommands(program, { addInputs, rawFrom, print, run: (verb, raw, work) => run(verb, raw, signal, work) });

  program
    .command('demo')
    .description('start a local PostgreSQL and S3 server, back up, list, restore and compare; no credentials needed')
    .option('--json', 'print what the demo did as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const { runDemo } = await import('./demo.js');
      const result = await runDemo(log, signal);
      if (opts.json) print(true, result, '');
    });
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  const cancel = cancellation((line) => process.stderr.write(`s3-backup: error: ${line}\n`));
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
