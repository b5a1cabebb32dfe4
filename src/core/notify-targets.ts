/**
 * Where a notification goes, recognised by the URL's form (pure):
 * - Slack incoming webhook      https://hooks.slack.com/services/<T>/<B>/<token>
 * - Discord webhook             https://discord.com/api/webhooks/<id>/<token> (also discordapp.com)
 * - Microsoft Teams workflow    https://<region>.logic.azure.com[:443]/workflows/<id>/triggers/manual/paths/invoke?…
 *                               https://<env>.environment.api.powerplatform.com[:443]/powerautomate/automations/direct/
 *                               workflows/<id>/triggers/manual/paths/invoke?…
 * - Google Chat webhook         https://chat.googleapis.com/v1/spaces/<space>/messages?key=…&token=…
 * - ntfy topic                  https://ntfy.sh/<topic>; another ntfy server as ntfy+https://<host>/<topic>
 * - e-mail                      smtp://[user:password@]host[:port] or smtps://…, with notify-to
 * - any other https:// URL      a generic JSON webhook (signed when notify-secret is set)
 * The kind can also be named in front of the scheme (slack+https://…, webhook+http://…): the request then goes to
 * the URL after the "+" as that kind's payload, which is how a proxy, a self-hosted service or a test receiver on
 * http:// gets a given format.
 */
import type { NotifyKind, NotifyTarget } from '../model/notify.js';
import { UserError } from './errors.js';

const NAMED: NotifyKind[] = ['slack', 'discord', 'teams', 'googlechat', 'ntfy', 'webhook'];

const LABELS: Record<NotifyKind, string> = {
  slack: 'Slack',
  discord: 'Discord',
  teams: 'Microsoft Teams',
  googlechat: 'Google Chat',
  ntfy: 'ntfy',
  email: 'e-mail',
  webhook: 'webhook',
};

const FORMS = 'a Slack, Discord, Teams, Google Chat or ntfy URL, smtp(s)://, or an https:// webhook';

/** The kind an https:// URL has by its host and path. */
function kindOf(u: URL): NotifyKind {
  const host = u.hostname.toLowerCase();
  const p = u.pathname;
  if (host === 'hooks.slack.com' && p.startsWith('/services/')) return 'slack';
  if (/^(ptb\.|canary\.)?discord(app)?\.com$/.test(host) && /^\/api(\/v\d+)?\/webhooks\//.test(p)) return 'discord';
  if (
    (host.endsWith('.logic.azure.com') || host.endsWith('.api.powerplatform.com')) &&
    /\/workflows\/[^/]+\/triggers\/[^/]+\/paths\/invoke\/?$/.test(p)
  )
    return 'teams';
  if (host === 'chat.googleapis.com' && /^\/v1\/spaces\/[^/]+\/messages$/.test(p)) return 'googlechat';
  if (host === 'ntfy.sh' && /^\/[-_A-Za-z0-9]{1,64}\/?$/.test(p)) return 'ntfy';
  return 'webhook';
}

function secretsOf(u: URL): string[] {
  const parts = [u.pathname, u.search.slice(1), decodeURIComponent(u.password), u.username];
  for (const v of u.searchParams.values()) parts.push(v);
  for (const seg of u.pathname.split('/')) parts.push(decodeURIComponent(seg));
  // short path segments (v1, api, services) are not secrets and would mask ordinary words
  return [...new Set(parts.filter((s) => s.length >= 8))];
}

export function notifyTarget(raw: string): NotifyTarget {
  const forced = /^([a-z]+)\+(https?:\/\/.*)$/i.exec(raw);
  const text = forced ? forced[2]! : raw;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UserError(`notify: an entry is not a URL; give ${FORMS}`);
  }
  const secrets = secretsOf(u);
  if (forced) {
    const kind = forced[1]!.toLowerCase() as NotifyKind;
    if (!NAMED.includes(kind)) {
      throw new UserError(`notify: "${forced[1]}+" names no kind; use one of ${NAMED.map((k) => `${k}+`).join(', ')}`);
    }
    return { kind, url: text, label: `${LABELS[kind]} (${u.host})`, secrets };
  }
  if (u.protocol === 'smtp:' || u.protocol === 'smtps:') {
    if (!u.hostname) throw new UserError('notify: an smtp:// URL has no host; use smtp(s)://user:password@host:port');
    return { kind: 'email', url: text, label: `e-mail (${u.host})`, secrets };
  }
  if (u.protocol === 'http:') {
    throw new UserError(
      `notify: ${u.host} is plain http://, which would send the message unencrypted; use https://, or name the kind in front (webhook+http://…) to send in clear on purpose`,
    );
  }
  if (u.protocol !== 'https:')
    throw new UserError(`notify: ${u.protocol} URLs are not a form s3-backup knows; give ${FORMS}`);
  const kind = kindOf(u);
  return { kind, url: text, label: `${LABELS[kind]} (${u.host})`, secrets };
}
