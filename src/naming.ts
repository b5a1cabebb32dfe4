/** Object keys and sidecar names (pure). Keys follow the seed guide: <prefix>/<name>_<environment>_<YYYYMMDD_HHMMSS>.<ext> */
export type Format = 'custom' | 'plain';
export type Compression = 'zstd' | 'gzip' | 'none';
export type Encryption = 'age' | 'gpg';

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

export function backupKey(o: {
  prefix: string;
  name: string;
  environment: string;
  at: Date;
  format: Format;
  compression: Compression;
  encryption?: Encryption;
}): string {
  return joinKey(o.prefix, `${o.name}_${o.environment}_${stamp(o.at)}${extensionFor(o.format, o.compression, o.encryption)}`);
}

export const checksumKey = (key: string) => `${key}.sha256`;
export const manifestKey = (key: string) => `${key}.meta`;
export const latestPointerKey = (prefix: string) => joinKey(prefix, 'latest.json');
export const latestCopyKey = (prefix: string, ext: string) => joinKey(prefix, `latest-backup${ext}`);

export function basename(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
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

export interface ParsedKey {
  key: string;
  prefix: string;
  /** "<name>_<environment>" — the split is ambiguous when either holds "_", so callers match it against known values. */
  stem: string;
  at: Date;
  stamp: string;
  format: Format;
  compression: Compression;
  encryption?: Encryption;
  ext: string;
}

const KEY_RE = /^(.+)_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})\.(dump|sql)(?:\.(zst|gz))?(?:\.(age|gpg))?$/;

/** A backup object's key → its parts; undefined for sidecars, pointers and anything we did not write. */
export function parseBackupKey(key: string): ParsedKey | undefined {
  const slash = key.lastIndexOf('/');
  const m = KEY_RE.exec(key.slice(slash + 1));
  if (!m) return undefined;
  const [, stem, y, mo, d, h, mi, s, fmt, comp, enc] = m;
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
    format,
    compression,
    ...(encryption ? { encryption } : {}),
    ext: extensionFor(format, compression, encryption),
  };
}
