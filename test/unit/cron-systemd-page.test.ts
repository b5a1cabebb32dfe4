// The server page (docs/cron-and-systemd.md) as a reader copies it: its systemd units and timers pass
// `systemd-analyze verify` (or, without systemd, a parse of their settings), its environment files read by sh give
// each job its own monitor and nothing the CLI does not read, its crontab lines are five fields, a user and a
// command, and its cron wrapper prints nothing on success and the log's end on failure — what cron mails.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { monitorsFor } from '../../src/options/monitor-scope.js';
import { inputsFor } from '../../src/options/spec.js';
import { COMMAND_NAMES, cliWords, type CommandName } from '../../src/options/verbs.js';

const PAGE = readFileSync(path.join(import.meta.dirname, '../../docs/cron-and-systemd.md'), 'utf8');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cron-systemd-page-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Block {
  info: string;
  file?: string;
  body: string;
}

/** The page's fenced blocks, each named by the path in its first comment line (`# /etc/…`). */
function blocks(): Block[] {
  return [...PAGE.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    info: m[1]!,
    body: m[2]!,
    file: /^# (\/[^\s:]+)/m.exec(m[2]!.split('\n').find((l) => l.startsWith('# ')) ?? '')?.[1],
  }));
}
const named = (prefix: string) => blocks().filter((b) => b.file?.startsWith(prefix));
const block = (file: string) => {
  const b = blocks().find((x) => x.file === file);
  if (!b) throw new Error(`the page has no block for ${file}`);
  return b;
};

type Ini = Record<string, Array<[string, string]>>;
/** systemd's unit syntax: sections, Key=Value lines, comments; anything else is an error. */
function parseIni(text: string): Ini {
  const ini: Ini = {};
  let section = '';
  for (const line of text.split('\n')) {
    if (!line.trim() || /^[#;]/.test(line)) continue;
    const head = /^\[(\w+)\]$/.exec(line);
    if (head) {
      section = head[1]!;
      ini[section] = [];
      continue;
    }
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!kv || !section) throw new Error(`not a unit file line: ${line}`);
    ini[section]!.push([kv[1]!, kv[2]!]);
  }
  return ini;
}
const get = (ini: Ini, section: string, key: string) =>
  (ini[section] ?? []).filter(([k]) => k === key).map(([, v]) => v);

const units = () => named('/etc/systemd/system/');
const services = () => units().filter((u) => u.file!.endsWith('.service'));
const base = (file: string) => path.basename(file);
/** The verb a unit runs: `s3-backup <verb> --environment %i`. */
const verbOf = (exec: string) => /^\/usr\/local\/bin\/s3-backup (\S+) --environment %i\b/.exec(exec)?.[1];

describe('the systemd units', () => {
  test('every unit, timer and failure handler parses; each job loads the shared file, then its own', () => {
    expect(units().map((u) => base(u.file!))).toEqual([
      's3-backup@.service',
      's3-backup@.timer',
      's3-backup-failed@.service',
      's3-backup-check@.service',
      's3-backup-check@.timer',
    ]);
    for (const u of units()) {
      expect(u.info, u.file).toBe('ini');
      const ini = parseIni(u.body);
      expect(get(ini, 'Unit', 'Description'), u.file).toHaveLength(1);
    }
    for (const s of services()) {
      const ini = parseIni(s.body);
      expect(get(ini, 'Service', 'Type')).toEqual(['oneshot']);
      const [exec] = get(ini, 'Service', 'ExecStart');
      expect(exec, s.file).toMatch(/^\//);
      const verb = verbOf(exec!);
      if (!verb) continue; // the failure handler
      expect(get(ini, 'Service', 'EnvironmentFile')).toEqual([
        '/etc/s3-backup/%i.env',
        `-/etc/s3-backup/%i-${verb}.env`,
      ]);
      // a failure starts the handler the page defines, named after the failed unit
      const [onFailure] = get(ini, 'Unit', 'OnFailure');
      expect(onFailure).toBe('s3-backup-failed@%N.service');
      expect(units().map((u) => base(u.file!))).toContain('s3-backup-failed@.service');
    }
    for (const t of units().filter((u) => u.file!.endsWith('.timer'))) {
      expect(units().map((u) => base(u.file!))).toContain(base(t.file!).replace(/\.timer$/, '.service'));
      expect(get(parseIni(t.body), 'Timer', 'OnCalendar')).toHaveLength(1);
      expect(get(parseIni(t.body), 'Install', 'WantedBy')).toEqual(['timers.target']);
    }
  });

  test('systemd-analyze verify accepts the units and timers (instances for production), when systemd is here', () => {
    const analyze = spawnSync('systemd-analyze', ['--version']);
    if (analyze.status !== 0) {
      // no systemd on this machine: the parse above is the check, and every OnCalendar is at least non-empty
      for (const t of units().filter((u) => u.file!.endsWith('.timer')))
        expect(get(parseIni(t.body), 'Timer', 'OnCalendar')[0]).toMatch(/\S/);
      return;
    }
    const root = path.join(tmp, 'root');
    mkdirSync(path.join(root, 'etc/systemd/system'), { recursive: true });
    mkdirSync(path.join(root, 'usr/local/bin'), { recursive: true });
    mkdirSync(path.join(root, 'bin'), { recursive: true });
    // the system's own units (sysinit.target …) and the executables the units name
    for (const dir of ['/usr/lib/systemd/system', '/lib/systemd/system'])
      if (existsSync(dir)) cpSync(dir, path.join(root, 'usr/lib/systemd/system'), { recursive: true });
    for (const exe of ['usr/local/bin/s3-backup', 'bin/sh']) {
      writeFileSync(path.join(root, exe), '#!/bin/sh\n');
      chmodSync(path.join(root, exe), 0o755);
    }
    for (const u of units()) writeFileSync(path.join(root, u.file!), u.body);
    const instances = units().map((u) =>
      base(u.file!).startsWith('s3-backup-failed@')
        ? 's3-backup-failed@s3-backup@production.service'
        : base(u.file!).replace('@.', '@production.'),
    );
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', `--root=${root}`, ...instances], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const t of units().filter((u) => u.file!.endsWith('.timer'))) {
      const spec = get(parseIni(t.body), 'Timer', 'OnCalendar')[0]!;
      expect(spawnSync('systemd-analyze', ['calendar', spec]).status, spec).toBe(0);
    }
  });
});

/** What sh makes of the shared file and a job's own file, in that order. */
function sourced(...files: string[]): Record<string, string> {
  const paths = files.map((f) => {
    const p = path.join(tmp, base(f));
    writeFileSync(p, block(f).body);
    return p;
  });
  const script = `set -a; ${paths.map((_, i) => `. "$${i + 1}";`).join(' ')} set +a; env`;
  const out = execFileSync('sh', ['-c', script, 'sh', ...paths], { encoding: 'utf8', env: {} });
  const env = Object.fromEntries(out.split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  for (const k of ['PWD', 'SHLVL', '_', 'OLDPWD', '']) delete env[k];
  return env;
}

describe('the environment files', () => {
  const known = new Set([
    ...COMMAND_NAMES.flatMap((v) => inputsFor(v as never, { includeCliOnly: true }).flatMap((i) => i.env ?? [])),
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
  ]);
  const none = () => undefined;

  test('every line is a comment or NAME=value of a variable the CLI reads; the shared file names no monitor', () => {
    const files = named('/etc/s3-backup/');
    expect(files.map((f) => base(f.file!))).toEqual([
      'production.env',
      'production-backup.env',
      'production-check.env',
    ]);
    for (const f of files) {
      for (const line of f.body.split('\n').filter((l) => l.trim() && !l.startsWith('#')))
        expect(line, f.file).toMatch(/^[A-Z][A-Z0-9_]*='[^']*'$/);
      for (const name of Object.keys(sourced(f.file!))) expect(known, `${f.file}: ${name}`).toContain(name);
    }
    const shared = sourced('/etc/s3-backup/production.env');
    expect(shared.S3_BACKUP_BUCKET).toBe('my-company-db-backups');
    for (const v of ['backup', 'check'] as const) expect(monitorsFor(v, none, shared)).toEqual({ monitors: undefined });
  });

  test("the backup's file reaches the backup alone; the check's file, the check alone, on another monitor", () => {
    const backupEnv = sourced('/etc/s3-backup/production.env', '/etc/s3-backup/production-backup.env');
    const checkEnv = sourced('/etc/s3-backup/production.env', '/etc/s3-backup/production-check.env');
    const nightly = monitorsFor('backup', none, backupEnv).monitors!.sentry!.target.slug;
    const hourly = monitorsFor('check', none, checkEnv).monitors!.sentry!.target.slug;
    expect(nightly).toBe('postgres-backup');
    expect(hourly).toBe('postgres-backup-fresh');
    const misplaced = monitorsFor('check', none, backupEnv);
    expect(misplaced.monitors).toBeUndefined();
    expect(misplaced.note).toMatch(/reports only backup runs/);
    expect(monitorsFor('backup', none, checkEnv).monitors).toBeUndefined();
  });
});

describe('cron', () => {
  const FIELDS: Array<[number, number]> = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 7],
  ];
  const fieldOk = (text: string, [lo, hi]: [number, number]) =>
    text.split(',').every((part) => {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) return false;
      const nums = [m[2], m[3]].filter((n) => n !== undefined).map(Number);
      return nums.every((n) => n >= lo && n <= hi) && (m[4] === undefined || Number(m[4]) > 0);
    });
  const wrapper = () => block('/usr/local/bin/s3-backup-cron');

  test('each job line is five fields, a user and the wrapper with a verb; output is not thrown away', () => {
    const lines = block('/etc/cron.d/s3-backup')
      .body.split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    const settings = Object.fromEntries(
      lines.filter((l) => /^[A-Z]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(settings.MAILTO).toMatch(/@/);
    expect(settings.PATH!.split(':')).toContain('/usr/local/bin');
    const jobs = lines.filter((l) => !/^[A-Z]+=/.test(l));
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    const verbs = COMMAND_NAMES.map((n) => cliWords(n as CommandName).join(' '));
    for (const job of jobs) {
      const [min, hour, dom, mon, dow, user, command, env, verb] = job.split(/\s+/);
      for (const [i, f] of [min, hour, dom, mon, dow].entries())
        expect(fieldOk(f!, FIELDS[i]!), `${job}: field ${i + 1}`).toBe(true);
      expect(user).toBe('s3-backup');
      expect(command).toBe(wrapper().file);
      expect(env).toBe('production');
      expect(verbs).toContain(verb);
      // cron mails what the command prints: nothing may send it elsewhere
      expect(job).not.toMatch(/[<>|&;]/);
    }
  });

  test('the wrapper is silent on success and prints the exit code and the log on failure (what cron mails)', () => {
    const dir = path.join(tmp, 'cron');
    for (const d of ['etc', 'log', 'lock', 'bin']) mkdirSync(path.join(dir, d), { recursive: true });
    const script = wrapper()
      .body.replaceAll('/etc/s3-backup/', `${dir}/etc/`)
      .replaceAll('/var/log/s3-backup/', `${dir}/log/`)
      .replaceAll('/tmp/s3-backup-', `${dir}/lock/s3-backup-`);
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    writeFileSync(path.join(dir, 'bin/s3-backup-cron'), script);
    chmodSync(path.join(dir, 'bin/s3-backup-cron'), 0o755);
    expect(spawnSync('sh', ['-n', path.join(dir, 'bin/s3-backup-cron')]).status).toBe(0);
    writeFileSync(path.join(dir, 'etc/production.env'), block('/etc/s3-backup/production.env').body);
    writeFileSync(path.join(dir, 'etc/production-check.env'), block('/etc/s3-backup/production-check.env').body);
    // a stand-in s3-backup: says what it was given and which monitor verbs it saw; fails when told to
    writeFileSync(
      path.join(dir, 'bin/s3-backup'),
      '#!/bin/sh\necho "ran: $* monitor-verbs=${S3_BACKUP_MONITOR_VERBS:-} bucket=$S3_BACKUP_BUCKET" >&2\n' +
        'if [ "${FAIL:-}" = 1 ]; then echo "s3-backup: error: the newest good backup is 2d old" >&2; exit 1; fi\n',
    );
    chmodSync(path.join(dir, 'bin/s3-backup'), 0o755);
    const run = (env: Record<string, string>, ...args: string[]) =>
      spawnSync(path.join(dir, 'bin/s3-backup-cron'), ['production', ...args], {
        encoding: 'utf8',
        env: { PATH: `${dir}/bin:/usr/bin:/bin`, ...env },
      });

    const ok = run({}, 'check', '--max-age', '26h');
    expect([ok.status, ok.stdout, ok.stderr]).toEqual([0, '', '']);
    const log = readFileSync(path.join(dir, 'log/production-check.log'), 'utf8');
    expect(log).toBe(
      'ran: check --environment production --max-age 26h monitor-verbs=check bucket=my-company-db-backups\n',
    );

    const failed = run({ FAIL: '1' }, 'check', '--max-age', '26h');
    expect(failed.status).toBe(1);
    expect(failed.stdout.split('\n')).toEqual([
      `s3-backup check (production) failed with exit code 1; the last lines of ${dir}/log/production-check.log:`,
      'ran: check --environment production --max-age 26h monitor-verbs=check bucket=my-company-db-backups',
      'ran: check --environment production --max-age 26h monitor-verbs=check bucket=my-company-db-backups',
      's3-backup: error: the newest good backup is 2d old',
      '',
    ]);
    // the backup job reads no check file: no monitor verbs of the check's
    const backup = run({}, 'backup');
    expect([backup.status, backup.stdout]).toEqual([0, '']);
    expect(readFileSync(path.join(dir, 'log/production-backup.log'), 'utf8')).toContain('monitor-verbs= ');

    // a run while the previous one holds the lock is skipped, and says so
    const holder = spawnSync(
      'flock',
      [
        path.join(dir, 'lock/s3-backup-production-check.lock'),
        path.join(dir, 'bin/s3-backup-cron'),
        'production',
        'check',
      ],
      { encoding: 'utf8', env: { PATH: `${dir}/bin:/usr/bin:/bin` } },
    );
    expect(holder.stdout).toMatch(/^s3-backup check \(production\) skipped: the previous run still holds /);
    expect(holder.status).toBe(200);
  });
});
