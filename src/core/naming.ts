import type { Encryption } from '../model/naming.js';
import type { ParsedKey } from '../model/naming.js';
import type { Compression, Format } from '../model/naming.js';

const COMPRESSION_EXT: Record<Compression, string> = { zstd: '.zst', gzip: '.gz', none: '' };
const FORMAT_EXT: Record<Format, string> = { custom: '.dump', plain: '.sql' };

export function extensionFor(format: Format, compression: Compression, encryption?: Encryption): string {
  return FORMAT_EXT[format] + COMPRESSION_EXT[compression] + (encryption ? `.${encryption}` : '');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** UTC YYYYMMDD_HHMMSS */
export function stamp(at: Date): string {
  return (
    `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}_` +
    `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`
  );
}

export function normalizePrefix(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, '');
}

export function joinKey(prefix: string, basename: string): string {
  const p = normalizePrefix(prefix);
  return p ? `${p}/${basename}` : basename;
}

/** `seq` 1 (or none) is the plain key; 2, 3 … add `_2`, `_3` … before the extension. */
export function backupKey(o: {
  prefix: string;
  name: string;
  environment: string;
  at: Date;
  format: Format;
  compression: Compression;
  encryption?: Encryption;
  seq?: number;
}): string {
  const seq = o.seq ?? 1;
  if (!Number.isInteger(seq) || seq < 1)
    throw new RangeError(`backup key sequence must be a whole number ≥ 1, got ${seq}`);
  return joinKey(
    o.prefix,
    `${o.name}_${o.environment}_${stamp(o.at)}${seq > 1 ? `_${seq}` : ''}${extensionFor(o.format, o.compression, o.encryption)}`,
  );
}

/**
 * Where runs claim a key before writing it: <prefix>/.claims/<key's basename>/<run id>. A folder of its own so that a
 * policy can allow deleting claims (and nothing else) with one trailing wildcard; nothing that lists backups parses
 * these as backups, and prune touches only keys directly under the prefix.
 */
export const CLAIMS_FOLDER = '.claims';
export const claimsPrefix = (key: string) => joinKey(dirname(key), `${CLAIMS_FOLDER}/${basename(key)}/`);
export const claimObjectKey = (key: string, runId: string) => `${claimsPrefix(key)}${runId}`;
export const isClaimKey = (key: string) => key.split('/').includes(CLAIMS_FOLDER);

function dirname(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash >= 0 ? key.slice(0, slash) : '';
}

export const checksumKey = (key: string) => `${key}.sha256`;
export const manifestKey = (key: string) => `${key}.meta`;
export const latestPointerKey = (prefix: string) => joinKey(prefix, 'latest.json');
export const latestCopyKey = (prefix: string, ext: string) => joinKey(prefix, `latest-backup${ext}`);

export function basename(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/** A key under one prefix (the primary's), under another (the copy's) instead. */
export function rebaseKey(key: string, from: string, to: string): string {
  const base = joinKey(from, '');
  return joinKey(to, key.startsWith(base) ? key.slice(base.length) : basename(key));
}

/** `sha256sum -c` format: "<hex>  <basename>\n" */
export function checksumLine(sha256: string, key: string): string {
  return `${sha256}  ${basename(key)}\n`;
}

/** Reads a .sha256 sidecar; undefined when it is not in sha256sum format. */
export function parseChecksumLine(text: string): { sha256: string; file: string } | undefined {
  const m = /^([0-9a-f]{64}) [ *](.+?)\s*$/im.exec(text.trim());
  return m ? { sha256: m[1]!.toLowerCase(), file: m[2]! } : undefined;
}

const KEY_RE =
  /^(.+)_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:_([2-9]|[1-9]\d{1,5}))?\.(dump|sql)(?:\.(zst|gz))?(?:\.(age|gpg))?$/;

/** A backup object's key → its parts; undefined for sidecars, pointers and anything we did not write. */
export function parseBackupKey(key: string): ParsedKey | undefined {
  const slash = key.lastIndexOf('/');
  const m = KEY_RE.exec(key.slice(slash + 1));
  if (!m) return undefined;
  const [, stem, y, mo, d, h, mi, s, seq, fmt, comp, enc] = m;
  const at = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!));
  if (Number.isNaN(at.getTime()) || stamp(at) !== `${y}${mo}${d}_${h}${mi}${s}`) return undefined;
  const format: Format = fmt === 'dump' ? 'custom' : 'plain';
  const compression: Compression = comp === 'zst' ? 'zstd' : comp === 'gz' ? 'gzip' : 'none';
  const encryption = enc as Encryption | undefined;
  return {
    key,
    prefix: slash >= 0 ? key.slice(0, slash) : '',
    stem: stem!,
    at,
    stamp: stamp(at),
    seq: seq ? Number(seq) : 1,
    format,
    compression,
    ...(encryption ? { encryption } : {}),
    ext: extensionFor(format, compression, encryption),
  };
}

/** Newest first: by time, then by sequence (…_10 after …_9 of the same second), then by key. */
export function newestFirst(
  a: { at: Date; key: string; seq?: number },
  b: { at: Date; key: string; seq?: number },
): number {
  return b.at.getTime() - a.at.getTime() || (b.seq ?? 1) - (a.seq ?? 1) || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}
