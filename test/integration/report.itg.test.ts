// What a run reports: the job summary with the size trend read from manifests (mermaid chart, growth), a warning
// annotation when a backup shrinks suddenly, progress on a terminal and in logs, and summaries from the CLI when it
// runs in a GitHub Actions step.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { baseEnv, capture, ROOT, runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, makeS3Client } from '../support/s3-servers.js';

const pg15 = () => pg(15);
let bucket: string;
beforeAll(async () => {
  bucket = await createBucket(rgw());
});
afterAll(async () => emptyAndDeleteBucket(rgw(), bucket));

async function manifest(key: string) {
  const out = await makeS3Client(rgw()).send(new GetObjectCommand({ Bucket: bucket, Key: `${key}.meta` }));
  return JSON.parse(await out.Body!.transformToString());
}

function summaryFile() {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'summary-')), 'summary.md');
  writeFileSync(file, '');
  return file;
}

describe('job summary: size trend and sudden shrink', () => {
  test('three backups; the third lost most rows: trend chart, growth, and a warning annotation', async () => {
    const db = await pg15().createDatabase();
    await pg15().exec(
      db,
      `CREATE TABLE events (id int PRIMARY KEY, payload text);
      INSERT INTO events SELECT g, md5(g::text) || md5((g * 3)::text) FROM generate_series(1, 20000) g;`,
    );
    const inputs = {
      'database-url': pg15().url(db),
      bucket,
      endpoint: rgw().endpoint,
      environment: 'trend',
      name: 'shop',
    };

    const first = await runAction('backup', inputs, s3Env(rgw()));
    expect(first.code, first.stdout).toBe(0);
    expect(first.summary).toContain('#### Size trend: last 1 backup');
    expect(first.summary).toContain('The first backup here: the trend starts with the next one.');
    expect(first.summary).not.toContain('```mermaid');
    // what was backed up: key and URI, sizes and ratio, duration and throughput, sha256, storage class and tier
    // the tier is the tool's own: the first backup under a prefix opens every period
    expect(first.summary).toMatch(/\| Tier \| (daily|weekly|monthly|yearly)\b/);
    for (const row of [
      `| Object | \`${first.outputs.uri}\` |`,
      `| Key | \`${first.outputs.key}\` |`,
      '| Storage class | STANDARD |',
      `| SHA-256 | \`${first.outputs.sha256}\` |`,
    ]) {
      expect(first.summary).toContain(row);
    }
    expect(first.summary).toMatch(/\| Compression \| zstd -1 -T0 \(\d+\.\d×\) \|/);
    expect(first.summary).toMatch(/\| Duration \| [\d.]+ s \([\d.]+ MiB\/s\) \|/);

    await pg15().exec(
      db,
      `INSERT INTO events SELECT g, md5(g::text) || md5((g * 3)::text) FROM generate_series(20001, 22000) g;`,
    );
    const second = await runAction('backup', inputs, s3Env(rgw()));
    expect(second.code, second.stdout).toBe(0);
    expect(second.shown).not.toContain('::warning');

    await pg15().exec(db, `DELETE FROM events WHERE id > 5000;`);
    const third = await runAction('backup', { ...inputs, 'trend-count': '5' }, s3Env(rgw()));
    expect(third.code, third.stdout).toBe(0);

    const [m1, m2, m3] = await Promise.all([first, second, third].map((r) => manifest(r.outputs.key!)));
    const change = ((m3.rawSize - m2.rawSize) / m2.rawSize) * 100;
    const growth = ((m3.rawSize - m1.rawSize) / m1.rawSize) * 100;
    expect(change).toBeLessThan(-25);

    // the annotation GitHub shows on the run
    // workflow commands escape "%" (the runner shows it again)
    const warnings = third.shown
      .split('\n')
      .filter((l) => l.startsWith('::warning'))
      .map((l) => l.replace(/%25/g, '%'));
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::warning title=Backup shrank::backup ${third.outputs.key} shrank by ${(-change).toFixed(1)}% against the previous one \\(dump [\\d.]+ (KiB|MiB), was [\\d.]+ (KiB|MiB) on .* UTC\\), more than shrink-threshold 25%`,
        ),
      ),
    ]);
    const s = third.summary;
    expect(s).toContain('#### Size trend: last 3 backups');
    expect(s).toContain(
      `Change against the previous backup: **${change.toFixed(1)}%**; over these 3 backups: **${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%** (dump size).`,
    );
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(s)![1]!;
    expect(chart.split('\n')[0]).toBe('xychart-beta');
    const bars = /bar \[(.*)\]/.exec(chart)![1]!.split(', ').map(Number);
    const line = /line \[(.*)\]/.exec(chart)![1]!.split(', ').map(Number);
    expect(bars).toHaveLength(3);
    // the line follows the dumps as the manifests record them, oldest first
    expect(line[0]! < line[1]! && line[2]! < line[1]!).toBe(true);
    const rows = s.split('\n').filter((l) => /^\| \d{4}-/.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(`${change.toFixed(1)}%`);
  });

  test('CLI in an Actions step: summary written, the shrink a ::warning:: annotation, the trend in --json', async () => {
    const db = await pg15().createDatabase();
    await pg15().exec(
      db,
      `CREATE TABLE t (id int, v text); INSERT INTO t SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 10000) g;`,
    );
    const args = [
      'backup',
      '--database-url',
      pg15().url(db),
      '--bucket',
      bucket,
      '--endpoint',
      rgw().endpoint,
      '--environment',
      'cli-trend',
      '--name',
      'app',
      '--json',
    ];
    const file = summaryFile();
    const env = { ...s3Env(rgw()), GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: file };
    expect((await runCli(args, env)).code).toBe(0);
    await pg15().exec(
      db,
      `TRUNCATE t; INSERT INTO t SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 100) g;`,
    );
    const r = await runCli(args, env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.key).toMatch(/^cli-trend\/app_cli-trend_/);
    expect(out.trend.points).toHaveLength(2);
    expect(out.trend.basis).toBe('dump');
    expect(out.trend.changePercent).toBeLessThan(-90);
    expect(out.trend.shrinkWarning).toMatch(/shrank by 9\d\.\d% against the previous one/);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('::warning::'))).toEqual([
      expect.stringMatching(/^::warning::backup cli-trend\/\S+ shrank by/),
    ]);
    const summary = readFileSync(file, 'utf8');
    capture('cli summary', summary);
    expect(summary.match(/### ✅ PostgreSQL backup/g)).toHaveLength(2);
    expect(summary).toContain('#### Size trend: last 2 backups');

    // list and check write their summaries too
    const list = await runCli(
      ['list', '--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', 'cli-trend'],
      env,
    );
    expect(list.code, list.stderr).toBe(0);
    const check = await runCli(
      ['check', '--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', 'cli-trend'],
      env,
    );
    expect(check.code, check.stderr).toBe(0);
    const all = readFileSync(file, 'utf8');
    // the two backups of the database and the globals taken with each (globals: auto), then the two sets
    expect(all).toContain(`### PostgreSQL backups in \`s3://${bucket}/cli-trend\`: 4`);
    expect(all).toContain('### Backup sets: 2');
    expect(all).toContain(`| \`${out.key}\` (latest) |`);
    expect(all).toContain('### ✅ Backup freshness');
  });

  test('trend-count 0 and shrink-threshold 0: no trend, no warning', async () => {
    const db = await pg15().createDatabase();
    await pg15().exec(db, `CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 50000);`);
    const inputs = {
      'database-url': pg15().url(db),
      bucket,
      endpoint: rgw().endpoint,
      environment: 'quiet',
      'trend-count': '0',
      'shrink-threshold': '0',
    };
    expect((await runAction('backup', inputs, s3Env(rgw()))).code).toBe(0);
    await pg15().exec(db, 'TRUNCATE t;');
    const r = await runAction('backup', inputs, s3Env(rgw()));
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).not.toContain('Size trend');
    expect(r.shown).not.toContain('::warning');
  });
});

describe('progress', () => {
  let db: string;
  beforeAll(async () => {
    db = await pg15().createDatabase();
    // ~12 MB of dump zstd cannot shrink much: several 5 MiB parts, so progress arrives more than once
    await pg15().exec(
      db,
      `CREATE TABLE noise AS SELECT g AS id, decode(md5(g::text) || md5((g*3)::text), 'hex') || decode(md5((g*5)::text), 'hex') AS b FROM generate_series(1, 200000) g;`,
    );
  });

  test('in a log (Actions, pipes): "progress:" lines with bytes, rate and elapsed time, for backup and restore', async () => {
    const common = ['--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', 'progress'];
    const b = await runCli(
      ['backup', ...common, '--database-url', pg15().url(db), '--part-size', '5MiB'],
      s3Env(rgw()),
    );
    expect(b.code, b.stderr).toBe(0);
    // how far by the tables' sizes once they are known (read while pg_dump starts), and a last line at 100%
    const uploads = b.stderr.match(/^progress: .*uploaded.*$/gm) ?? [];
    for (const line of uploads)
      expect(line).toMatch(
        /^progress: (\d+% \(tables\), )?uploaded [\d.]+ (KiB|MiB) {2}[\d.]+ (B|KiB|MiB)\/s {2}\d+:\d\d(, about \d+:\d\d left)?$/,
      );
    expect(uploads.at(-1)).toMatch(
      /^progress: 100% \(tables\), uploaded [\d.]+ MiB {2}[\d.]+ (KiB|MiB)\/s {2}\d+:\d\d$/,
    );
    const shares = uploads.map((l) => Number(/^progress: (\d+)%/.exec(l)?.[1] ?? 0));
    expect(shares).toEqual([...shares].sort((x, y) => x - y)); // never back
    // pg_dump --verbose's lines are read, not logged
    expect(b.stderr).not.toMatch(/pg_dump: (dumping contents|reading)/);
    expect(b.stderr).not.toContain('\r');
    const target = await pg15().createDatabase();
    const r = await runCli(['restore', ...common, '--database-url', pg15().url(target), '--yes'], s3Env(rgw()));
    expect(r.code, r.stderr).toBe(0);
    // the object's size is known: how far, and the time left once the download has a rate of its own
    expect(r.stderr).toMatch(
      /^progress: downloaded [\d.]+ (B|KiB|MiB) of [\d.]+ MiB \(\d+%\) {2}[\d.]+ (B|KiB|MiB|GiB)\/s {2}\d+:\d\d(, \d+:\d\d left)?$/m,
    );
    // the restore by the archive's entries (pg_restore --verbose, read and not logged), its last line at 100%
    const restoring = r.stderr.match(/^progress: restore .*$/gm) ?? [];
    for (const line of restoring)
      expect(line).toMatch(
        /^progress: restore \d+\/\d+ entries \(\d+%\), data [01]\/1 tables {2}\d+:\d\d(, about \d+:\d\d left)?$/,
      );
    expect(restoring.at(-1)).toMatch(/^progress: restore (\d+)\/\1 entries \(100%\), data 1\/1 tables {2}\d+:\d\d$/);
    expect(r.stderr).not.toMatch(/pg_restore: (creating|processing)/);
  });

  test('on a terminal: one line redrawn in place, cleared before the next log line', async () => {
    // util-linux `script` runs the CLI on a pseudo-terminal, as a user's shell would
    const cli = path.join(ROOT, 'dist', 'cli', 'index.js');
    const cmd = `exec "${process.execPath}" "${cli}" backup --bucket ${bucket} --endpoint ${rgw().endpoint} --environment tty --part-size 5MiB`;
    const env = baseEnv({ ...s3Env(rgw()), DATABASE_URL: pg15().url(db), TERM: 'xterm' });
    const out = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, text }));
    });
    capture('tty backup', out.text);
    expect(out.code, out.text).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's redraw is the escape sequence itself
    const redraw = /\r\x1b\[2K(\d+% \(tables\), )?uploaded [\d.]+ MiB {2}[\d.]+ (KiB|MiB)\/s {2}\d+:\d\d[^\r\n]*/g;
    const draws = out.text.match(redraw) ?? [];
    expect(draws.length).toBeGreaterThanOrEqual(1);
    expect(draws.at(-1)).toContain('100% (tables), uploaded');
    expect(out.text).not.toMatch(/^progress: /m);
    // after the last draw, the line is cleared before the next line ("done:", or the globals' stored beside it)
    const last = out.text.lastIndexOf(draws.at(-1)!);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the line clear is an escape sequence
    expect(out.text.slice(last + draws.at(-1)!.length)).toMatch(/^\r\x1b\[2K(\r?\n)?(done|globals): /);
  });
});

describe('--json on every verb', () => {
  // backup, restore, list and check are covered above and in roundtrip/check; the demo prints what it did
  test('demo --json', async () => {
    const r = await runCli(['demo', '--json'], {});
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      key: expect.stringMatching(/^demo\/shop_demo_\d{8}_\d{6}\.dump\.zst$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      rows: { customers: 2000, orders: 20000 },
    });
    expect(r.stderr).toContain('demo passed');
  });
});
