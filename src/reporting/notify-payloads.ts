/**
 * One run's notification as each service's own request (pure): Slack Block Kit, a Discord embed, a Teams Adaptive
 * Card, a Google Chat card (cardsV2), an ntfy JSON publish, or the generic JSON document, signed with HMAC-SHA256
 * when a secret is set. Texts are cut to each service's documented limits.
 */
import { createHmac } from 'node:crypto';
import type { HttpRequest } from '../model/monitor.js';
import { noteFacts, noteOk, notePlainText, noteTitle } from './notification.js';
import type { RunNote } from '../model/notify.js';
import type { NotifyTarget } from '../model/notify.js';

/** The generic webhook's signature header: "sha256=" + hex HMAC-SHA256 of the exact body bytes. */
export const SIGNATURE_HEADER = 'x-s3-backup-signature-256';

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const json = (url: string, body: unknown, headers: Record<string, string> = {}): HttpRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const OPEN_RUN = 'Open the run';

/** Slack mrkdwn needs &, < and > escaped. https://api.slack.com/reference/surfaces/formatting#escaping */
const mrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** https://api.slack.com/messaging/webhooks, https://api.slack.com/reference/block-kit/blocks */
function slackPayload(n: RunNote): unknown {
  return {
    text: cut(noteTitle(n), 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(noteTitle(n), 150), emoji: true } },
      {
        type: 'section',
        fields: noteFacts(n)
          .slice(0, 10)
          .map(([k, v]) => ({ type: 'mrkdwn', text: cut(`*${k}*\n${mrkdwn(v)}`, 2000) })),
      },
      ...(n.runUrl ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${n.runUrl}|${OPEN_RUN}>` }] }] : []),
    ],
  };
}

/** https://discord.com/developers/docs/resources/webhook#execute-webhook, …/resources/message#embed-object */
function discordPayload(n: RunNote): unknown {
  return {
    username: 's3-backup',
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: cut(noteTitle(n), 256),
        ...(n.runUrl ? { url: n.runUrl } : {}),
        color: noteOk(n) ? 0x2eb67d : 0xe01e5a,
        fields: noteFacts(n).map(([k, v]) => ({ name: k, value: cut(v, 1024), inline: v.length <= 40 })),
        timestamp: n.at,
        footer: { text: `s3-backup on ${cut(n.host, 200)}` },
      },
    ],
  };
}

/** A Teams workflow's "When a Teams webhook request is received" trigger takes a message with Adaptive Cards. */
function teamsPayload(n: RunNote): unknown {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: noteTitle(n),
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              color: noteOk(n) ? 'Good' : 'Attention',
            },
            { type: 'FactSet', facts: noteFacts(n).map(([title, value]) => ({ title, value })) },
          ],
          ...(n.runUrl ? { actions: [{ type: 'Action.OpenUrl', title: OPEN_RUN, url: n.runUrl }] } : {}),
        },
      },
    ],
  };
}

/** https://developers.google.com/workspace/chat/api/reference/rest/v1/cards */
function googleChatPayload(n: RunNote): unknown {
  const widgets: unknown[] = noteFacts(n).map(([topLabel, text]) => ({
    decoratedText: { topLabel, text, wrapText: true },
  }));
  if (n.runUrl)
    widgets.push({ buttonList: { buttons: [{ text: OPEN_RUN, onClick: { openLink: { url: n.runUrl } } }] } });
  return {
    text: cut(noteTitle(n), 4096),
    cardsV2: [
      {
        cardId: 's3-backup-run',
        card: { header: { title: cut(noteTitle(n), 200), subtitle: n.status }, sections: [{ widgets }] },
      },
    ],
  };
}

/** A header value: as is when ASCII, else RFC 2047 encoded (ntfy decodes both). */
const headerText = (s: string) =>
  /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

/**
 * ntfy: POST the message to the topic's URL, its title, priority, tags and click link as headers; a user and
 * password in the URL become Basic authentication. https://docs.ntfy.sh/publish/
 */
function ntfyRequest(url: string, n: RunNote): HttpRequest {
  const u = new URL(url);
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    title: headerText(cut(noteTitle(n), 250)),
    priority: noteOk(n) ? 'default' : 'high',
    tags: noteOk(n) ? 'white_check_mark' : 'rotating_light',
    ...(n.runUrl ? { click: n.runUrl } : {}),
  };
  if (u.username) {
    const user = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
    headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  const message = notePlainText(n).split('\n').slice(2).join('\n').trim();
  return { method: 'POST', url: u.toString(), headers, body: cut(message, 4000) };
}

/** The generic JSON document; with a secret, SIGNATURE_HEADER carries the HMAC of the body as sent. */
function webhookRequest(url: string, n: RunNote, secret?: string): HttpRequest {
  const body = JSON.stringify({
    source: 's3-backup',
    verb: n.verb,
    status: n.status,
    ok: noteOk(n),
    subject: n.subject,
    environment: n.environment,
    key: n.key ?? null,
    sizeBytes: n.sizeBytes ?? null,
    durationSeconds: Math.round(n.durationSeconds * 1000) / 1000,
    reason: n.reason ?? null,
    runUrl: n.runUrl ?? null,
    host: n.host,
    at: n.at,
    text: notePlainText(n),
  });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 's3-backup' };
  if (secret) headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
  return { method: 'POST', url, headers, body };
}

/** The request for every kind but e-mail. */
export function notifyRequest(t: NotifyTarget, n: RunNote, secret?: string): HttpRequest {
  switch (t.kind) {
    case 'slack':
      return json(t.url, slackPayload(n));
    case 'discord':
      return json(t.url, discordPayload(n));
    case 'teams':
      return json(t.url, teamsPayload(n));
    case 'googlechat':
      return json(t.url, googleChatPayload(n), { 'content-type': 'application/json; charset=UTF-8' });
    case 'ntfy':
      return ntfyRequest(t.url, n);
    default:
      return webhookRequest(t.url, n, secret);
  }
}
