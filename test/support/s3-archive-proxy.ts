/**
 * A small HTTP proxy in front of a real S3 server (Ceph RGW) that answers, for chosen objects and buckets, what AWS S3
 * answers and no local server implements: archive storage classes (GLACIER, DEEP_ARCHIVE) with RestoreObject and
 * the x-amz-restore header, replication configurations, and x-amz-replication-status. Everything else is forwarded
 * untouched (with the Host header the client sent, so SigV4 still validates upstream), and every request is recorded.
 *
 * Archived objects: HeadObject gets x-amz-storage-class (and x-amz-restore once a restore was asked); GetObject is
 * refused with 403 InvalidObjectState until the restore is done; the listing shows their class. A restore request
 * (POST ?restore) is answered 202 and starts the restore; the restore is done after `headsWhileOngoing` HeadObject
 * answers with ongoing-request="true" — by count, never by time. `restoreAnswer: 'already'` answers 409
 * RestoreAlreadyInProgress (another run asked first); `hidden: true` keeps the class out of HeadObject (GET alone
 * says InvalidObjectState).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Archived {
  storageClass: 'GLACIER' | 'DEEP_ARCHIVE';
  restore?: 'ongoing' | 'done';
  headsWhileOngoing?: number;
  restoreAnswer?: 'already';
  hidden?: boolean;
}

export interface Recorded {
  method: string;
  path: string;
  query: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ArchiveProxy {
  endpoint: string;
  requests: Recorded[];
  /** Object key → its archive state. */
  archived: Map<string, Archived>;
  /** Object key → x-amz-replication-status. */
  replicationStatus: Map<string, string>;
  /** Bucket → the versioning status GetBucketVersioning answers ('' : never enabled). */
  versioning: Map<string, string>;
  /** Bucket → its replication configuration (XML), as PutBucketReplication stored it. */
  replication: Map<string, string>;
  /** The recorded requests of one kind: 'PUT ?replication', 'POST ?restore', 'HEAD', 'GET' (objects) … */
  sent(kind: string): Recorded[];
  close(): Promise<void>;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const error = (code: string, message: string) =>
  xml(`<Error><Code>${code}</Code><Message>${message}</Message><RequestId>archive-proxy</RequestId></Error>`);

function kindOf(method: string, key: string, query: URLSearchParams): string {
  const sub = ['replication', 'versioning', 'restore', 'list-type'].find((q) => query.has(q));
  if (sub) return `${method} ?${sub}`;
  return key ? method : `${method} bucket`;
}

export async function startArchiveProxy(upstream: string): Promise<ArchiveProxy> {
  const up = new URL(upstream);
  const requests: Recorded[] = [];
  const archived = new Map<string, Archived>();
  const replicationStatus = new Map<string, string>();
  const versioning = new Map<string, string>();
  const replication = new Map<string, string>();

  const forward = (req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const r = http.request(
        { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(body);
    });

  const answer = (res: http.ServerResponse, status: number, body = '', headers: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url!, 'http://proxy');
    const [, bucket = '', ...rest] = decodeURIComponent(url.pathname).split('/');
    const key = rest.join('/');
    const kind = kindOf(req.method!, key, url.searchParams);
    requests.push({
      method: req.method!,
      path: url.pathname,
      query: url.search,
      headers: req.headers,
      body: body.toString(),
    });
    try {
      await handle(kind, bucket, key, req, res, body);
    } catch (err) {
      res.destroy(err as Error);
    }
  });

  async function handle(
    kind: string,
    bucket: string,
    key: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
  ) {
    const a = archived.get(key);
    if (kind === 'GET ?versioning' && versioning.has(bucket)) {
      const status = versioning.get(bucket);
      return answer(
        res,
        200,
        xml(`<VersioningConfiguration>${status ? `<Status>${status}</Status>` : ''}</VersioningConfiguration>`),
      );
    }
    if (kind === 'GET ?replication') {
      const config = replication.get(bucket);
      return config
        ? answer(res, 200, config)
        : answer(
            res,
            404,
            error('ReplicationConfigurationNotFoundError', 'The replication configuration was not found'),
          );
    }
    if (kind === 'PUT ?replication') {
      replication.set(bucket, body.toString());
      return answer(res, 200);
    }
    if (kind === 'POST ?restore') {
      if (!a)
        return answer(
          res,
          403,
          error('InvalidObjectState', "Restore is not allowed for the object's current storage class"),
        );
      if (a.restoreAnswer === 'already' || a.restore === 'ongoing')
        return answer(res, 409, error('RestoreAlreadyInProgress', 'Object restore is already in progress'));
      const done = a.restore === 'done';
      a.restore = a.headsWhileOngoing === 0 || done ? 'done' : 'ongoing';
      return answer(res, done ? 200 : 202);
    }
    if (kind === 'GET' && a && a.restore !== 'done') {
      return answer(res, 403, error('InvalidObjectState', "The operation is not valid for the object's storage class"));
    }
    const got = await forward(req, body);
    const headers = { ...got.headers };
    let out = got.body;
    if (kind === 'HEAD' && got.status === 200) {
      if (a && !a.hidden) {
        headers['x-amz-storage-class'] = a.storageClass;
        if (a.restore === 'ongoing') {
          headers['x-amz-restore'] = 'ongoing-request="true"';
          a.headsWhileOngoing = (a.headsWhileOngoing ?? 1) - 1;
          if (a.headsWhileOngoing <= 0) a.restore = 'done';
        } else if (a.restore === 'done') {
          headers['x-amz-restore'] = 'ongoing-request="false", expiry-date="Fri, 21 Dec 2040 00:00:00 GMT"';
        }
      }
      const status = replicationStatus.get(key);
      if (status) headers['x-amz-replication-status'] = status;
    }
    if (kind === 'GET ?list-type' && got.status === 200) {
      out = Buffer.from(
        got.body.toString().replace(/<Contents>([\s\S]*?)<\/Contents>/g, (block, inner: string) => {
          const k = /<Key>([^<]*)<\/Key>/.exec(inner)?.[1];
          const x = k ? archived.get(k) : undefined;
          return x
            ? block.replace(/<StorageClass>[^<]*<\/StorageClass>/, `<StorageClass>${x.storageClass}</StorageClass>`)
            : block;
        }),
      );
    }
    // the body was read whole: it goes out with its length, never re-chunked
    delete headers['transfer-encoding'];
    if (req.method !== 'HEAD') headers['content-length'] = String(out.length);
    res.writeHead(got.status, headers);
    res.end(req.method === 'HEAD' ? undefined : out);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    archived,
    replicationStatus,
    versioning,
    replication,
    sent: (kind) =>
      requests.filter((r) => {
        const [, , ...rest] = r.path.split('/');
        return kindOf(r.method, rest.join('/'), new URLSearchParams(r.query)) === kind;
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
