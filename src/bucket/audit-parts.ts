/**
 * bucket audit, multi-stream backups: every data part the manifest names must be stored, at the manifest's size, with
 * a .sha256 sidecar that agrees with the manifest, as the backup's own object must. The verdict is pure; reading the
 * parts' sidecars is the one request per part it needs.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { parseManifest } from '../core/manifest.js';
import { basename, checksumKey, parseChecksumLine } from '../core/naming.js';
import type { ManifestPart } from '../model/manifest.js';
import type { ObjectInfo } from '../model/objects.js';
import { getText } from '../s3/objects.js';

function manifestParts(meta: string | undefined): ManifestPart[] | undefined {
  if (!meta) return undefined;
  try {
    return parseManifest(meta).parts ?? [];
  } catch {
    return undefined;
  }
}

/** What is wrong with a backup's data parts (undefined: none, or all there and agreeing), given their sidecars' text. */
export function partsProblem(
  b: { key: string; parts?: ObjectInfo[] },
  meta: string | undefined,
  sums: ReadonlyMap<string, string | undefined>,
): string | undefined {
  const named = manifestParts(meta);
  const listed = b.parts ?? [];
  if (!named)
    return listed.length ? `${b.key}: ${listed.length} data parts but no readable manifest naming them` : undefined;
  const bad: string[] = [];
  for (const p of named) {
    const part = `data part ${basename(p.key)}`;
    const stored = listed.find((x) => x.key === p.key);
    const line = parseChecksumLine(sums.get(p.key) ?? '');
    if (!stored) bad.push(`${part} missing`);
    else if (stored.size !== p.size) bad.push(`${part}: ${stored.size} bytes stored, the manifest says ${p.size}`);
    if (!line) bad.push(`${part}: no checksum sidecar`);
    else if (line.sha256 !== p.sha256) bad.push(`${part}: sidecar and manifest disagree`);
  }
  for (const x of listed.filter((x) => !named.some((p) => p.key === x.key)))
    bad.push(`data part ${basename(x.key)} is not in the manifest`);
  return bad.length ? `${b.key}: ${bad.join(', ')}` : undefined;
}

/** The data parts' problems of one backup: its manifest's parts' sidecars read, then the verdict. */
export async function readPartsProblem(
  s3: S3Client,
  bucket: string,
  b: { key: string; parts?: ObjectInfo[] },
  meta: string | undefined,
): Promise<string | undefined> {
  const named = manifestParts(meta) ?? [];
  const sums = new Map<string, string | undefined>();
  await Promise.all(named.map(async (p) => sums.set(p.key, await getText(s3, bucket, checksumKey(p.key)))));
  return partsProblem(b, meta, sums);
}
