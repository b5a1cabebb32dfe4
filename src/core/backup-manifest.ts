/** A backup's manifest (its .meta sidecar), built from what the run learned (pure). */
import type { BackupOptions } from '../model/options.js';
import type { Catalog, RowCounts, TableEntry } from '../model/catalog.js';
import type { ServerInfo } from '../model/catalog.js';
import type { StreamResult } from '../model/catalog.js';
import { TOOL_VERSION } from './version.js';
import { githubContext, MANIFEST_SCHEMA, MANIFEST_VERSION } from './manifest.js';
import type { Manifest } from '../model/manifest.js';

export interface ManifestInput {
  o: BackupOptions;
  key: string;
  server: ServerInfo;
  catalog: Catalog;
  rowCounts: RowCounts;
  snapshot?: string;
  bin: { version: string; major: number };
  /** The compressor as it ran (e.g. "zstd -1 -T0"). */
  compressor: string;
  encryption: Manifest['encryption'];
  stream: StreamResult;
  startedAt: Date;
  finishedAt: Date;
  env: Record<string, string | undefined>;
  tier: string;
  /** The tables with the row counts read in the snapshot. */
  tables: TableEntry[];
}

export function backupManifest(m: ManifestInput): Manifest {
  const { o, server, catalog } = m;
  return manifestOf(m, {
    database: {
      name: o.connection.database,
      host: o.connection.host,
      serverVersion: server.version,
      serverMajor: server.major,
      sizeBytes: server.databaseSize,
    },
    format: o.format,
    encryption: m.encryption,
    rowCounts: m.rowCounts,
    snapshot: m.snapshot ?? null,
    schemas: catalog.schemas,
    tables: m.tables,
    sequences: catalog.sequences,
    extensions: catalog.extensions,
    largeObjects: catalog.largeObjects,
    roles: catalog.roles,
    options: { schemas: o.schemas, excludeTables: o.excludeTables },
  });
}

/** What a manifest says of the run that wrote the object: the tool, the stream, the times, the tier. */
export type ManifestRun = Pick<
  ManifestInput,
  'o' | 'key' | 'bin' | 'compressor' | 'stream' | 'startedAt' | 'finishedAt' | 'env' | 'tier'
>;

/** What a manifest says of the object's content: the database and what the dump holds. */
export type ManifestContent = Pick<
  Manifest,
  | 'database'
  | 'format'
  | 'encryption'
  | 'rowCounts'
  | 'snapshot'
  | 'schemas'
  | 'tables'
  | 'sequences'
  | 'extensions'
  | 'largeObjects'
  | 'roles'
  | 'options'
>;

/** A backup object's manifest from its run and its content (the fields in the order the .meta has them). */
export function manifestOf(r: ManifestRun, c: ManifestContent): Manifest {
  const { o, stream } = r;
  return {
    schema: MANIFEST_SCHEMA,
    version: MANIFEST_VERSION,
    tool: { name: 's3-backup', version: TOOL_VERSION },
    key: r.key,
    database: c.database,
    pgDump: { version: r.bin.version, major: r.bin.major },
    format: c.format,
    compression: { method: o.compression, level: o.compressionLevel, tool: r.compressor },
    encryption: c.encryption,
    rawSize: stream.rawBytes ?? null,
    size: stream.bytes,
    sha256: stream.sha256,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    durationSeconds: (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000,
    github: githubContext(r.env),
    storageClass: o.storageClass,
    tags: o.tags,
    tier: r.tier as Manifest['tier'],
    rowCounts: c.rowCounts,
    snapshot: c.snapshot,
    schemas: c.schemas,
    tables: c.tables,
    sequences: c.sequences,
    extensions: c.extensions,
    largeObjects: c.largeObjects,
    roles: c.roles,
    options: c.options,
  };
}
