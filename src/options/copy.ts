/**
 * The second destination (copy-to): another bucket, endpoint, provider and credentials, written from the same stream
 * as the backup. Credentials are never borrowed by accident: a copy on another provider or endpoint needs its own
 * (copy-access-key-id and copy-secret-access-key); only a copy on the primary's provider and endpoint (another bucket
 * or region of the same account) may go without, and then uses the primary's credentials, saying so.
 */
import type { CopyOptions, Source } from '../model/options.js';
import { UserError } from '../core/errors.js';
import { PROFILES, PROVIDERS } from '../core/providers.js';
import { type Env, value } from './input-value.js';
import { parsePrefix } from './keys.js';
import type { RawInputs } from '../model/options.js';
import { s3 } from './s3.js';
import type { S3Credentials, S3Options } from '../model/options.js';
import { parseEnum } from './values.js';
import { inputRef } from '../core/input-ref.js';

const COPY_INPUTS = [
  'copy-endpoint',
  'copy-region',
  'copy-provider',
  'copy-force-path-style',
  'copy-storage-class',
  'copy-access-key-id',
  'copy-secret-access-key',
  'copy-session-token',
];

/** s3://bucket/prefix → bucket and prefix (no prefix: the environment, as for the primary). */
export function parseCopyTo(text: string): { bucket: string; prefix?: string } {
  const m = /^s3:\/\/([^/\s]+)(?:\/(.*))?$/.exec(text);
  if (!m) throw new UserError(`copy-to: "${text}" is not an s3:// URI; use s3://bucket/prefix`);
  const bucket = m[1]!;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UserError(
      `copy-to: "${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, "." and "-")`,
    );
  }
  const rest = m[2]?.trim();
  return { bucket, ...(rest ? { prefix: parsePrefix('copy-to', rest) || '/' } : {}) };
}

function credentials(raw: RawInputs, env: Env): S3Credentials | undefined {
  const accessKeyId = value(raw, env, 'copy-access-key-id');
  const secretAccessKey = value(raw, env, 'copy-secret-access-key');
  const sessionToken = value(raw, env, 'copy-session-token');
  if (!accessKeyId && !secretAccessKey && !sessionToken) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    throw new UserError(
      `${accessKeyId ? 'copy-secret-access-key' : 'copy-access-key-id'} is empty: the copy's credentials are copy-access-key-id and copy-secret-access-key together (or S3_BACKUP_COPY_ACCESS_KEY_ID and S3_BACKUP_COPY_SECRET_ACCESS_KEY)`,
    );
  }
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** The copy's S3 settings through the primary's parser, with copy-* inputs only (none of the primary's variables). */
function copyS3(raw: RawInputs, env: Env, primary: S3Options, target: ReturnType<typeof parseCopyTo>): S3Options {
  const names: Record<string, string | undefined> = {
    bucket: target.bucket,
    prefix: target.prefix,
    endpoint: value(raw, env, 'copy-endpoint') || undefined,
    region: value(raw, env, 'copy-region') || undefined,
    provider: value(raw, env, 'copy-provider') || undefined,
    'force-path-style': value(raw, env, 'copy-force-path-style') || undefined,
  };
  const copyRaw: RawInputs = (name) => (name in names ? names[name] : name === 's3-timeout' ? raw(name) : undefined);
  try {
    return s3(copyRaw, {}, primary.prefix);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    if (err.message.startsWith('account-id')) {
      throw new UserError(
        'copy-endpoint is empty: provider r2 needs the copy endpoint (https://<account id>.r2.cloudflarestorage.com)',
      );
    }
    // the same rules, in the copy's words
    throw new UserError(err.message.replace(/^(endpoint|region|provider|force-path-style|account-id)\b/, 'copy-$1'));
  }
}

/** copy-to and its settings; undefined when copy-to is not set (and then no copy-* input may be). */
function parseCopyOptions(raw: RawInputs, env: Env, primary: S3Options): CopyOptions | undefined {
  const to = value(raw, env, 'copy-to');
  if (!to) {
    const stray = COPY_INPUTS.find((name) => value(raw, env, name));
    if (stray)
      throw new UserError(
        `${stray} is set but copy-to is empty: set ${inputRef('copy-to')} (s3://bucket/prefix) or remove ${stray}`,
      );
    return undefined;
  }
  const target = parseCopyTo(to);
  const provider = value(raw, env, 'copy-provider');
  if (provider) parseEnum('copy-provider', provider, PROVIDERS);
  const place = copyS3(raw, env, primary, target);
  const creds = credentials(raw, env);
  const sameService = place.provider.name === primary.provider.name && place.endpoint === primary.endpoint;
  if (!creds && !sameService) {
    throw new UserError(
      `copy-access-key-id is empty: a copy on another provider or endpoint needs its own credentials; set copy-access-key-id and copy-secret-access-key (or S3_BACKUP_COPY_ACCESS_KEY_ID and S3_BACKUP_COPY_SECRET_ACCESS_KEY)`,
    );
  }
  if (place.bucket === primary.bucket && place.prefix === primary.prefix && sameService) {
    throw new UserError(
      `copy-to: s3://${place.bucket}/${place.prefix} is where the backups go already; choose another bucket or prefix`,
    );
  }
  const classText = value(raw, env, 'copy-storage-class');
  const classes = place.provider.name === 'aws' ? AWS_CLASSES : place.provider.storageClasses;
  return {
    s3: creds ? { ...place, credentials: creds } : place,
    storageClass: parseEnum('copy-storage-class', classText || 'STANDARD', classes),
    serverSide: !creds && sameService && place.region === primary.region,
  };
}

/** A copy on AWS: the classes of AWS but REDUCED_REDUNDANCY and EXPRESS_ONEZONE. */
const AWS_CLASSES = PROFILES.aws.storageClasses.filter((c) => c !== 'REDUCED_REDUNDANCY' && c !== 'EXPRESS_ONEZONE');

function parseSource(raw: RawInputs, env: Env): Source {
  const text = value(raw, env, 'from');
  return text ? parseEnum('from', text, ['primary', 'copy'] as const) : 'default';
}

/** The copy's settings, and `from`: with from: copy, the verb's S3 place is the copy's. */
export function withCopy<T extends { s3: S3Options }>(
  raw: RawInputs,
  env: Env,
  base: T,
): T & { copy?: CopyOptions; from: Source; other?: S3Options } {
  const copy = parseCopyOptions(raw, env, base.s3);
  const from = parseSource(raw, env);
  if (from === 'copy' && !copy) {
    throw new UserError(
      `from: copy, but copy-to is empty: set ${inputRef('copy-to')} (s3://bucket/prefix) and the copy credentials`,
    );
  }
  if (!copy) return { ...base, from };
  if (from === 'copy') return { ...base, s3: copy.s3, copy, from };
  // asked for neither: a download that fails on the primary goes on from the copy (from: primary reads only it)
  return { ...base, copy, from, ...(from === 'default' ? { other: copy.s3 } : {}) };
}
