// Notifications: URL forms → kinds, the notify inputs, when a run notifies, the message facts, and each payload
// within its service's documented limits with no secret in it.
import { describe, expect, test } from 'vitest';
import { errorMessage, UserError } from '../../src/core/errors.js';
import { clearSecrets, redact } from '../../src/core/redact.js';
import { runNote } from '../../src/notify/note.js';
import { shouldNotify } from '../../src/hosts/send-notifications.js';
import { notifyRequest, SIGNATURE_HEADER } from '../../src/reporting/notify-payloads.js';
import { notifyTarget } from '../../src/core/notify-targets.js';
import { parseNotifyOptions } from '../../src/options/notify.js';
import type { RunNote } from '../../src/model/notify.js';

const inputs = (values: Record<string, string>) => (name: string) => values[name];

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect(errorMessage(err)).not.toContain('\n');
    return errorMessage(err);
  }
  throw new Error('no error');
}

const SLACK = 'https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx';
const DISCORD = 'https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const TEAMS_LOGIC =
  'https://prod-12.westeurope.logic.azure.com:443/workflows/0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SiGnAtUrE0123456789abcdefghij';
const TEAMS_PP =
  'https://default0123456789abcdef0123456789ab.cd.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SiGnAtUrE0123456789abcdefghij';
const GCHAT =
  'https://chat.googleapis.com/v1/spaces/AAAAbCdEfGh/messages?key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI&token=tOkEn0123456789abcdef';

describe('URL forms', () => {
  test.each([
    [SLACK, 'slack', 'Slack (hooks.slack.com)'],
    [DISCORD, 'discord', 'Discord (discord.com)'],
    [DISCORD.replace('discord.com', 'discordapp.com'), 'discord', 'Discord (discordapp.com)'],
    [TEAMS_LOGIC, 'teams', 'Microsoft Teams (prod-12.westeurope.logic.azure.com)'],
    [TEAMS_PP, 'teams', 'Microsoft Teams (default0123456789abcdef0123456789ab.cd.environment.api.powerplatform.com)'],
    [GCHAT, 'googlechat', 'Google Chat (chat.googleapis.com)'],
    ['https://ntfy.sh/backups-4f9c2e7a', 'ntfy', 'ntfy (ntfy.sh)'],
    ['ntfy+https://ntfy.example.com/backups', 'ntfy', 'ntfy (ntfy.example.com)'],
    ['smtps://user:pass1234@mail.example.com:465', 'email', 'e-mail (mail.example.com:465)'],
    ['smtp://mail.example.com:587', 'email', 'e-mail (mail.example.com:587)'],
    ['https://hooks.example.com/backup/ABCDEFGH12345678', 'webhook', 'webhook (hooks.example.com)'],
    // the same host in another path form is a plain webhook, not the service
    ['https://hooks.slack.com/workflows/T0/A0/1/abc', 'webhook', 'webhook (hooks.slack.com)'],
    ['slack+http://127.0.0.1:8080/services/T/B/x', 'slack', 'Slack (127.0.0.1:8080)'],
    ['webhook+http://10.0.0.5/hook', 'webhook', 'webhook (10.0.0.5)'],
  ])('%s → %s', (url, kind, label) => {
    const t = notifyTarget(url);
    expect(t.kind).toBe(kind);
    expect(t.label).toBe(label);
    expect(t.url).toBe(url.replace(/^[a-z]+\+/, ''));
  });

  test.each([
    ['not a url', 'notify: an entry is not a URL; give a Slack'],
    ['http://hooks.example.com/x', 'notify: hooks.example.com is plain http://'],
    ['ftp://files.example.com/x', 'notify: ftp: URLs are not a form s3-backup knows'],
    ['mail+https://x.example.com/y', 'notify: "mail+" names no kind; use one of slack+'],
    ['smtp:///nohost', 'notify: an smtp:// URL has no host'],
  ])('%s is refused in one line, without the URL', (url, message) => {
    const m = userError(() => notifyTarget(url));
    expect(m).toContain(message);
    if (url.includes('/')) expect(m).not.toContain(url);
  });
});

describe('inputs', () => {
  test('several URLs, recipients and a secret, all registered as secrets', () => {
    clearSecrets();
    const cfg = parseNotifyOptions(
      inputs({
        notify: `${SLACK}\nsmtps://ops:mailpass99@mail.example.com, https://hooks.example.com/in/ABCDEFGH12345678`,
        'notify-on': 'always',
        'notify-to': 'ops@example.com\ndba@example.com',
        'notify-secret': 'hmac-key-123456',
      }),
      {},
    );
    expect(cfg?.targets.map((t) => t.kind)).toEqual(['slack', 'email', 'webhook']);
    expect(cfg).toMatchObject({ on: 'always', to: ['ops@example.com', 'dba@example.com'], secret: 'hmac-key-123456' });
    const line = `${SLACK} abcdefghijklmnopqrstuvwx mailpass99 ABCDEFGH12345678 hmac-key-123456`;
    expect(redact(line)).toBe('*** *** *** *** ***');
  });

  test('the environment fallbacks', () => {
    const cfg = parseNotifyOptions(inputs({}), { S3_BACKUP_NOTIFY: SLACK, S3_BACKUP_NOTIFY_SECRET: undefined });
    expect(cfg?.targets[0]?.kind).toBe('slack');
    expect(cfg?.on).toBe('failure');
    expect(parseNotifyOptions(inputs({}), {})).toBeUndefined();
    // the action passes the default of notify-on: no notify is no notification, not an error
    expect(parseNotifyOptions(inputs({ 'notify-on': 'failure' }), {})).toBeUndefined();
  });

  test.each([
    [{ notify: 'smtp://mail.example.com' }, 'notify: an smtp:// URL needs recipients: set notify-to'],
    [{ notify: SLACK, 'notify-to': 'a@example.com' }, 'notify-to is set but no notify URL is smtp://'],
    [{ notify: 'smtp://m.example.com', 'notify-to': 'ops' }, 'notify-to: "ops" is not an e-mail address'],
    [{ notify: SLACK, 'notify-secret': 'k3y-123456' }, 'notify-secret is set but no notify URL is a JSON webhook'],
    [{ notify: SLACK, 'notify-on': 'sometimes' }, 'notify-on: "sometimes" is not one of failure, success'],
    [{ 'notify-on': 'always' }, 'notify-on is always but notify is empty'],
  ])('%o → one line', (values, message) => {
    expect(userError(() => parseNotifyOptions(inputs(values), {}))).toContain(message);
  });
});

const outputs = { key: 'prod/app_prod_20260101_030000.dump.zst', size: '1048576' };
const ranAt = new Date('2026-01-01T03:00:10Z');
const note = (verb: string, ok: boolean, env: Record<string, string> = {}) =>
  runNote(
    { verb, ok, outputs, reason: ok ? undefined : 'pg_dump: connection refused', durationSeconds: 9.5, at: ranAt },
    inputs({ 'database-url': 'postgresql://u:pw@db.example.com/app', environment: 'prod' }),
    env,
    'backup-host',
  );

describe('when a run notifies', () => {
  test.each([
    ['failure', 'backup', true, false],
    ['failure', 'backup', false, true],
    ['failure', 'validate', false, true],
    ['success', 'backup', true, true],
    ['success', 'backup', false, false],
    ['always', 'check', true, true],
    ['always', 'check', false, true],
    ['not-verified', 'validate', false, true],
    ['not-verified', 'verify', false, true],
    ['not-verified', 'validate', true, false],
    ['not-verified', 'backup', false, false],
  ] as const)('notify-on %s, %s ok=%s → %s', (on, verb, ok, sends) => {
    expect(shouldNotify(on, note(verb, ok))).toBe(sends);
  });
});

describe('the message', () => {
  test('its facts: the database from the URL (never the password), the key, size, reason, the run link', () => {
    const n = note('backup', false, {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/db',
      GITHUB_RUN_ID: '7',
    });
    expect(n).toEqual({
      verb: 'backup',
      status: 'failed',
      subject: 'database app',
      environment: 'prod',
      key: outputs.key,
      sizeBytes: 1048576,
      durationSeconds: 9.5,
      reason: 'pg_dump: connection refused',
      runUrl: 'https://github.com/acme/db/actions/runs/7',
      host: 'backup-host',
      at: '2026-01-01T03:00:10.000Z',
    });
    expect(note('validate', false).status).toBe('not verified');
    expect(note('validate', true).status).toBe('succeeded');
    // a drill's database URL is its scratch server: the subject is the backup it read
    expect(note('validate', false).subject).toBe('backup app_prod');
    expect(note('backup', true).runUrl).toBeUndefined();
  });

  const long: RunNote = { ...note('backup', false), reason: 'x'.repeat(5000), subject: `database ${'d'.repeat(300)}` };
  test.each([SLACK, DISCORD, TEAMS_LOGIC, GCHAT, 'https://ntfy.sh/topic-1234', 'https://example.com/hook/abc'])(
    '%s: within the documented limits, no URL part in the body',
    (url) => {
      const t = notifyTarget(url);
      const req = notifyRequest(t, long, 'signing-key-1');
      const body = req.body;
      for (const s of t.secrets) expect(body).not.toContain(s);
      expect(body).not.toContain('signing-key-1');
      if (t.kind === 'slack') {
        const p = JSON.parse(body);
        expect(p.blocks[0].text.text.length).toBeLessThanOrEqual(150);
        for (const f of p.blocks[1].fields) expect(f.text.length).toBeLessThanOrEqual(2000);
      }
      if (t.kind === 'discord') {
        const e = JSON.parse(body).embeds[0];
        expect(e.title.length).toBeLessThanOrEqual(256);
        for (const f of e.fields) expect(f.value.length).toBeLessThanOrEqual(1024);
      }
      if (t.kind === 'ntfy') {
        expect(req.url).toBe('https://ntfy.sh/topic-1234');
        expect(req.headers.priority).toBe('high');
        expect(body.length).toBeLessThanOrEqual(4000);
      }
      if (t.kind === 'webhook') expect(req.headers[SIGNATURE_HEADER]).toMatch(/^sha256=[0-9a-f]{64}$/);
    },
  );

  test('ntfy: a user in the URL becomes Basic authentication, a non-ASCII title RFC 2047', () => {
    const req = notifyRequest(notifyTarget('ntfy+https://bob:s3cret99@ntfy.example.com/base/alerts'), {
      ...note('backup', true),
      subject: 'database café',
    });
    expect(req.url).toBe('https://ntfy.example.com/base/alerts');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('bob:s3cret99').toString('base64')}`);
    expect(req.headers.title).toBe(
      `=?UTF-8?B?${Buffer.from('s3-backup backup succeeded: database café').toString('base64')}?=`,
    );
  });
});
