import type { Manifest } from '../model/manifest.js';

export const MANIFEST_SCHEMA: Manifest['schema'] = 's3-backup/manifest';
export const MANIFEST_VERSION = 1;

export function githubContext(env: Record<string, string | undefined>): Manifest['github'] {
  if (env.GITHUB_ACTIONS !== 'true' || !env.GITHUB_RUN_ID) return null;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    runUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
    repository: env.GITHUB_REPOSITORY,
    sha: env.GITHUB_SHA,
    workflow: env.GITHUB_WORKFLOW,
    ref: env.GITHUB_REF,
  };
}

export function parseManifest(text: string): Manifest {
  const doc = JSON.parse(text) as Partial<Manifest>;
  if (doc.schema !== MANIFEST_SCHEMA || typeof doc.version !== 'number') {
    throw new Error('not an s3-backup manifest');
  }
  if (Math.floor(doc.version) > MANIFEST_VERSION) {
    throw new Error(
      `manifest version ${doc.version} is newer than this tool understands (${MANIFEST_VERSION}): upgrade s3-backup`,
    );
  }
  return doc as Manifest;
}

/** latest.json: the newest good backup. */
export interface LatestPointer {
  schema: 's3-backup/latest';
  key: string;
  sha256: string;
  size: number;
  finishedAt: string;
  manifestKey: string;
}

/** The key latest.json names; undefined when there is no pointer or it cannot be read. */
export function latestKeyOf(pointerText: string | undefined): string | undefined {
  if (!pointerText) return undefined;
  try {
    const key = (JSON.parse(pointerText) as Partial<LatestPointer>).key;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}
