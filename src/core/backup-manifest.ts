/** A backup's manifest (its .meta sidecar), built from what the run learned (pure). */
import type { BackupOptions } from '../options/parse.js';
import type { Catalog, RowCounts, TableEntry } from '../postgres/catalog.js';
import type { ServerInfo } from '../postgres/introspect.js';
import type { StreamResult } from '../stream/pipeline.js';
import { TOOL_VERSION } from './context.js';
import { githubContext, MANIFEST_SCHEMA, MANIFEST_VERSION, type Manifest } from './manifest.js';

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
  const { o, server, catalog, stream } = m;
  return {
    schema: MANIFEST_SCHEMA,
    version: MANIFEST_VERSION,
    tool: { name: 's3-backup', version: TOOL_VERSION },
    key: m.key,
    database: {
      name: o.connection.database,
      host: o.connection.host,
      serverVersion: server.version,
      serverMajor: server.major,
      sizeBytes: server.databaseSize,
    },
    pgDump: { version: m.bin.version, major: m.bin.major },
    format: o.format,
    compression: { method: o.compression, level: o.compressionLevel, tool: m.compressor },
    encryption: m.encryption,
    rawSize: stream.rawBytes ?? null,
    size: stream.bytes,
    sha256: stream.sha256,
    startedAt: m.startedAt.toISOString(),
    finishedAt: m.finishedAt.toISOString(),
    durationSeconds: (m.finishedAt.getTime() - m.startedAt.getTime()) / 1000,
    github: githubContext(m.env),
    storageClass: o.storageClass,
    tags: o.tags,
    tier: m.tier as Manifest['tier'],
    rowCounts: m.rowCounts,
    snapshot: m.snapshot ?? null,
    schemas: catalog.schemas,
    tables: m.tables,
    sequences: catalog.sequences,
    extensions: catalog.extensions,
    largeObjects: catalog.largeObjects,
    roles: catalog.roles,
    options: { schemas: o.schemas, excludeTables: o.excludeTables },
  };
}
