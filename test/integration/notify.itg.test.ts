// Notifications: each service's message, received by a local server standing in for the service (the kind named in
// front of the http:// URL, as documented), checked field by field against the shape the service documents; an
// e-mail received by a local SMTP server; the webhook's HMAC checked as a receiver would; a failing and a hanging
// notifier leaving the run's result unchanged; no secret in any message.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { backupArgs } from '../support/cli-args.js';
import { pg, rgw } from '../support/context.js';
import { NOTIFY_SECRETS as S } from '../support/monitor-secrets.js';
import {
  startMailServer,
  startNotifyServer,
  type MailServer,
  type NotifyRequest,
  type NotifyServer,
} from '../support/notify-server.js';
import { PG_PASSWORD } from '../support/postgres.js';
import { errorLines, runAction, runCli, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, listAllKeys } from '../support/s3-servers.js';

let http: NotifyServer;
let mail: MailServer;
let bucket: string;
let source: string;
let dbName: string;

const GITHUB = { GITHUB_SERVER_URL: 'https://github.example', GITHUB_REPOSITORY: 'acme/db', GITHUB_RUN_ID: '4242' };
const RUN_URL = 'https://github.example/acme/db/actions/runs/4242';

/** Every kind, each to its own path on the local server, in the form the service gives out. */
function urls(): Record<string, string> {
  const base = http.url.slice('http://'.length);
  return {
    slack: `slack+http://${base}/services/T0A1B2C3D/B0A1B2C3D/${S.slack}`,
    discord: `discord+http://${base}/api/webhooks/123456789012345678/${S.discord}`,
    teams: `teams+http://${base}/workflows/0a1b2c3d4e5f/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${S.teams}`,
    googlechat: `googlechat+http://${base}/v1/spaces/AAAA1234/messages?key=k3yGoogleChat&token=${S.googlechat}`,
    ntfy: `ntfy+http://${base}/${S.ntfy}`,
    webhook: `webhook+http://${base}/hooks/${S.webhook}`,
    email: `smtp://backup:${S.smtpPassword}@127.0.0.1:${mail.port}?from=backups@example.com`,
  };
}

beforeAll(async () => {
  http = await startNotifyServer();
  mail = await startMailServer('backup', S.smtpPassword);
  bucket = await createBucket(rgw());
  source = await pg(15).createDatabase();
  dbName = source;
  await pg(15).exec(source, 'CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 200);');
});
afterAll(async () => {
  await http?.stop();
  await mail?.stop();
  if (bucket) await emptyAndDeleteBucket(rgw(), bucket);
});

afterEach(() => {
  http.requests.length = 0;
  mail.mails.length = 0;
});

const place = (environment: string) => ({ bucket, endpoint: rgw().endpoint, environment });
const body = (r: NotifyRequest) => JSON.parse(r.raw.toString('utf8'));
const only = (path: (p: string) => boolean) => http.requests.filter((r) => path(r.path));

/** No secret the run knew in any message: tokens, passwords, the signing key, the database and S3 secrets. */
function expectNoSecret(text: string): void {
  for (const s of [...Object.values(S), PG_PASSWORD, rgw().secretAccessKey]) expect(text).not.toContain(s);
}

/** Quoted-printable and folded headers undone, enough to read a mail's text. */
const unfold = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/\r?\n[ \t]+/g, ' ');

test('a backup notifies Slack, Discord, Teams, Google Chat, ntfy, a webhook and e-mail, each in its own format', async () => {
  const u = urls();
  const r = await runCli(
    backupArgs(
      pg(15).url(source),
      place('notify-all'),
      '--json',
      '--notify',
      Object.values(u).join(','),
      '--notify-on',
      'always',
      '--notify-to',
      'ops@example.com, dba@example.com',
      '--notify-secret',
      S.hmac,
    ),
    { ...s3Env(rgw()), ...GITHUB },
  );
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toContain('notify:');
  const { key, size } = JSON.parse(r.stdout) as { key: string; size: number };
  expect(await listAllKeys(rgw(), bucket)).toContain(key);
  const title = `s3-backup backup succeeded: database ${dbName}`;

  // Slack incoming webhook: text (the notification's fallback) and Block Kit blocks
  const [slack] = only((p) => p.startsWith('/services/'));
  expect(slack!.path).toBe(`/services/T0A1B2C3D/B0A1B2C3D/${S.slack}`);
  expect(slack!.headers['content-type']).toBe('application/json');
  const sl = body(slack!);
  expect(sl.text).toBe(title);
  expect(sl.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'context']);
  expect(sl.blocks[0].text).toEqual({ type: 'plain_text', text: title, emoji: true });
  const fields = sl.blocks[1].fields as Array<{ type: string; text: string }>;
  expect(fields.length).toBeLessThanOrEqual(10);
  for (const f of fields) expect(f.type).toBe('mrkdwn');
  expect(fields.map((f) => f.text.split('\n')[0])).toEqual([
    '*Result*',
    '*Verb*',
    '*On*',
    '*Environment*',
    '*Key*',
    '*Size*',
    '*Duration*',
    '*Run*',
  ]);
  expect(fields[4]!.text).toBe(`*Key*\n${key}`);
  expect(sl.blocks[2].elements).toEqual([{ type: 'mrkdwn', text: `<${RUN_URL}|Open the run>` }]);

  // Discord webhook: one embed with title, url, colour, fields, timestamp; mentions disabled
  const dc = body(only((p) => p.startsWith('/api/webhooks/'))[0]!);
  expect(dc.allowed_mentions).toEqual({ parse: [] });
  const [embed] = dc.embeds;
  expect(embed.title).toBe(title);
  expect(embed.url).toBe(RUN_URL);
  expect(Number.isInteger(embed.color)).toBe(true);
  expect(new Date(embed.timestamp).toISOString()).toBe(embed.timestamp);
  expect(embed.fields.length).toBeLessThanOrEqual(25);
  for (const f of embed.fields) {
    expect(typeof f.name).toBe('string');
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(typeof f.inline).toBe('boolean');
  }
  expect(embed.fields.find((f: { name: string }) => f.name === 'Key').value).toBe(key);

  // Teams workflow: a message with one Adaptive Card attachment
  const tm = body(only((p) => p.includes('/workflows/'))[0]!);
  expect(tm.type).toBe('message');
  expect(tm.attachments).toHaveLength(1);
  expect(tm.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = tm.attachments[0].content;
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.4');
  expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: title, wrap: true });
  expect(card.body[1].type).toBe('FactSet');
  expect(card.body[1].facts).toContainEqual({ title: 'Key', value: key });
  expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the run', url: RUN_URL }]);

  // Google Chat: text plus a cardsV2 card of decoratedText widgets and a button
  const gc = body(only((p) => p.startsWith('/v1/spaces/'))[0]!);
  expect(gc.text).toBe(title);
  expect(gc.cardsV2[0].cardId).toBe('s3-backup-run');
  expect(gc.cardsV2[0].card.header).toEqual({ title, subtitle: 'succeeded' });
  const widgets = gc.cardsV2[0].card.sections[0].widgets;
  expect(widgets).toContainEqual({ decoratedText: { topLabel: 'Key', text: key, wrapText: true } });
  expect(widgets.at(-1).buttonList.buttons[0].onClick.openLink.url).toBe(RUN_URL);

  // ntfy: the message posted to the topic, its title, priority, tags and link as headers
  const nt = only((p) => p === `/${S.ntfy}`)[0]!;
  expect(nt.headers).toMatchObject({ title, priority: 'default', tags: 'white_check_mark', click: RUN_URL });
  expect(nt.raw.toString('utf8')).toContain(`Key: ${key}`);
  expect(nt.raw.toString('utf8')).not.toContain(title);

  // the generic webhook: the document, and its signature checked as a receiver does (HMAC of the raw body)
  const wh = only((p) => p.startsWith('/hooks/'))[0]!;
  const expected = `sha256=${createHmac('sha256', S.hmac).update(wh.raw).digest('hex')}`;
  const got = String(wh.headers['x-s3-backup-signature-256']);
  expect(got.length).toBe(expected.length);
  expect(timingSafeEqual(Buffer.from(got), Buffer.from(expected))).toBe(true);
  expect(body(wh)).toMatchObject({
    source: 's3-backup',
    verb: 'backup',
    status: 'succeeded',
    ok: true,
    subject: `database ${dbName}`,
    environment: 'notify-all',
    key,
    sizeBytes: size,
    reason: null,
    runUrl: RUN_URL,
  });
  expect(body(wh).durationSeconds).toBeGreaterThan(0);

  // e-mail: logged in, from and to as given, the subject, a plain-text part and an HTML part
  expect(mail.mails).toHaveLength(1);
  const [m] = mail.mails;
  expect(m!.user).toBe('backup');
  expect(m!.from).toBe('backups@example.com');
  expect(m!.to).toEqual(['ops@example.com', 'dba@example.com']);
  const text = unfold(m!.raw);
  expect(text).toContain(`Subject: ${title}`);
  expect(text).toMatch(/Content-Type: text\/plain/);
  expect(text).toMatch(/Content-Type: text\/html/);
  expect(text).toContain(`Key: ${key}`);
  expect(text).toContain(`Run: ${RUN_URL}`);

  expect(http.requests).toHaveLength(6);
  for (const req of http.requests) expectNoSecret(req.raw.toString('utf8'));
  expectNoSecret(m!.raw);
  expectNoSecret(r.stdout + r.stderr);
});

test('a failed backup notifies with its reason; a failing and a hanging notifier leave its result unchanged', async () => {
  const base = http.url.slice('http://'.length);
  const missing = `${bucket}-missing`;
  const args = (notify: string[]) => [
    ...backupArgs(pg(15).url(source), { ...place('notify-fail'), bucket: missing }),
    ...(notify.length ? ['--notify', notify.join(',')] : []),
  ];
  const plain = await runCli(args([]), s3Env(rgw()));
  expect(plain.code).not.toBe(0);

  const slack = `slack+http://${base}/services/T0A1B2C3D/B0A1B2C3D/${S.slack}`;
  const failing = `webhook+http://${base}/fail/${S.webhook}`;
  const hanging = `webhook+http://${base}/hang/${S.webhook}`;
  const r = await runCli(args([slack, failing, hanging]), s3Env(rgw()));
  expect(r.code).toBe(plain.code);
  // the same failure line, then one warning per notifier that did not take the message
  const lines = errorLines(r);
  expect(lines).toContain(errorLines(plain).at(-1));
  expect(lines.filter((l) => l.includes('notify: webhook (127.0.0.1'))).toHaveLength(2);
  expect(r.stderr).toMatch(/notify: webhook \(127\.0\.0\.1:\d+\) failed \(HTTP 500: broken after 2 attempts\)/);
  expect(r.stderr).toMatch(/notify: webhook \(127\.0\.0\.1:\d+\) failed \(no answer within 10 s after 2 attempts\)/);
  expect(only((p) => p.startsWith('/hang/'))).toHaveLength(2);

  const sl = body(only((p) => p.startsWith('/services/'))[0]!);
  expect(sl.text).toBe(`s3-backup backup failed: database ${dbName}`);
  const reason = sl.blocks[1].fields.find((f: { text: string }) => f.text.startsWith('*Reason*')).text;
  expect(reason.split('\n')[1].length).toBeGreaterThan(10);
  expect(sl.blocks[1].fields.map((f: { text: string }) => f.text.split('\n')[0])).toContain('*Host*');
  expectNoSecret(r.stdout + r.stderr);
});

test('the action: a successful backup notifies only on failure by default, and on success when asked', async () => {
  const slack = `slack+${http.url}/services/T0A1B2C3D/B0A1B2C3D/${S.slack}`;
  const inputs = { 'database-url': pg(15).url(source), bucket, endpoint: rgw().endpoint, environment: 'notify-action' };
  const quiet = await runAction('backup', { ...inputs, notify: slack, 'notify-on': 'failure' }, s3Env(rgw()));
  expect(quiet.code, quiet.stdout).toBe(0);
  expect(http.requests).toHaveLength(0);
  const told = await runAction('backup', { ...inputs, notify: slack, 'notify-on': 'success' }, s3Env(rgw()));
  expect(told.code, told.stdout).toBe(0);
  expect(http.requests).toHaveLength(1);
  expect(body(http.requests[0]!).text).toBe(`s3-backup backup succeeded: database ${dbName}`);
  // the URL is masked for the runner
  expect(told.stdout).toContain(`::add-mask::${slack}`);
  expect(told.shown).not.toContain(S.slack);
});

test('a drill: notify-on not-verified is silent while the backup validates and speaks when it does not', async () => {
  const slack = `slack+${http.url}/services/T0A1B2C3D/B0A1B2C3D/${S.slack}`;
  const backup = await runCli(backupArgs(pg(15).url(source), place('notify-drill')), s3Env(rgw()));
  expect(backup.code, backup.stderr).toBe(0);
  const validate = (sql: string) =>
    runCli(
      [
        'validate',
        '--database-url',
        pg(15).url('postgres'),
        '--bucket',
        bucket,
        '--endpoint',
        rgw().endpoint,
        '--environment',
        'notify-drill',
        '--validation-sql',
        sql,
        '--notify',
        slack,
        '--notify-on',
        'not-verified',
      ],
      s3Env(rgw()),
    );
  const passed = await validate('SELECT count(*) = 200 FROM t');
  expect(passed.code, passed.stderr).toBe(0);
  expect(http.requests).toHaveLength(0);

  const failed = await validate('SELECT count(*) = 0 FROM t');
  expect(failed.code).toBe(1);
  expect(http.requests).toHaveLength(1);
  const sl = body(http.requests[0]!);
  expect(sl.text).toBe(`s3-backup validate not verified: backup ${dbName}_notify-drill`);
  const facts = (sl.blocks[1].fields as Array<{ text: string }>).map((f) => f.text);
  expect(facts).toContain('*Result*\nnot verified');
  expect(facts.find((f) => f.startsWith('*Key*'))).toMatch(/^\*Key\*\nnotify-drill\//);
  expect(facts.find((f) => f.startsWith('*Reason*'))).toContain('assertion: SELECT count(*) = 0 FROM t');
});
