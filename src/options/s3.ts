/** The S3 inputs: bucket, provider, region, endpoint (or the provider's, built), prefix and client settings. */
import type { S3Options } from '../model/options.js';
import { UserError } from '../core/errors.js';
import { PROFILES, PROVIDERS } from '../core/providers.js';
import { type Env, value } from './input-value.js';
import { parsePrefix } from './keys.js';
import type { RawInputs } from '../model/options.js';
import { parseBool, parseDuration, parseEnum } from './values.js';
import { inputRef } from '../core/input-ref.js';

const EXAMPLE_REGION: Record<string, string> = { b2: 'us-west-004', spaces: 'nyc3', scaleway: 'fr-par' };

export function s3(raw: RawInputs, env: Env, environment: string): S3Options {
  const bucket = value(raw, env, 'bucket');
  if (!bucket) throw new UserError(`bucket is empty: set ${inputRef('bucket')}`);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UserError(
      `bucket: "${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, "." and "-")`,
    );
  }
  const provider = PROFILES[parseEnum('provider', value(raw, env, 'provider') || 'aws', PROVIDERS)];
  const explicitRegion = value(raw, env, 'region');
  const region = explicitRegion || provider.defaultRegion || 'us-east-1';
  let endpoint = value(raw, env, 'endpoint') || undefined;
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new UserError(`endpoint: "${endpoint}" is not an http(s) URL; use e.g. https://s3.example.com`);
  }
  if (!endpoint && provider.needs === 'endpoint') {
    throw new UserError(
      `endpoint is empty: provider ${provider.name} needs its URL (e.g. https://minio.example.com:9000)`,
    );
  }
  if (!endpoint && provider.endpoint) {
    if (provider.needs === 'region' && !explicitRegion) {
      throw new UserError(
        `region is empty: provider ${provider.name} builds its endpoint from the region (e.g. ${EXAMPLE_REGION[provider.name]}); set region or endpoint`,
      );
    }
    const accountId = value(raw, env, 'account-id');
    if (provider.needs === 'account-id' && !/^[0-9a-f]{32}$/i.test(accountId)) {
      throw new UserError(
        accountId
          ? `account-id: "${accountId}" is not a Cloudflare account id (32 hex digits)`
          : `account-id is empty: provider ${provider.name} builds its endpoint from your Cloudflare account id; set account-id (or CLOUDFLARE_ACCOUNT_ID) or endpoint`,
      );
    }
    endpoint = provider.endpoint({ region, accountId });
  }
  // "/" is the bucket's root; not given: the environment
  const prefixText = value(raw, env, 'prefix');
  const fps = value(raw, env, 'force-path-style');
  const checksum = value(raw, env, 'request-checksum');
  // aws with a custom endpoint: the conservative settings every S3-compatible server takes
  const custom = provider.name === 'aws' && Boolean(endpoint);
  const requestChecksum = checksum
    ? parseEnum('request-checksum', checksum, ['when-supported', 'when-required'] as const)
    : custom || provider.requestChecksum === 'WHEN_REQUIRED'
      ? 'when-required'
      : 'when-supported';
  return {
    bucket,
    prefix: prefixText ? parsePrefix('prefix', prefixText) : environment,
    endpoint,
    region,
    forcePathStyle: fps ? parseBool('force-path-style', fps) : custom || provider.forcePathStyle,
    requestChecksum: requestChecksum === 'when-required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
    provider,
    timeoutMs: parseDuration('s3-timeout', value(raw, env, 's3-timeout')) * 1000,
  };
}
