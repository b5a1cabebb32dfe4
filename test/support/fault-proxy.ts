/**
 * A small HTTP proxy in front of an S3 endpoint that injects faults into chosen requests, to prove how the product
 * behaves on S3 errors, dropped connections, stalls and damaged bodies. Everything else is forwarded untouched — with
 * the Host header the client sent, so SigV4 signatures (which sign Host) still validate upstream. Faults are chosen
 * by rule (which request, the how-many-th of its kind), never by timing.
 *
 *   const proxy = await startFaultProxy(rgw().endpoint, (r) => (r.op === 'UploadPart' && r.n === 1 ? 'reset' : undefined));
 *   ... --endpoint proxy.endpoint ...
 *   expect(proxy.injected.map((f) => f.fault)).toEqual(['reset']);
 *   await proxy.close();
 *
 * Each request is classified (`op`: UploadPart, CompleteMultipartUpload, PutObject, GetObject …) and numbered per
 * op, key and part (`n`: 1 for the first request of part 2 of a key, 2 for its retry); `uploadParts(plan)` numbers
 * the UploadPart requests across all parts instead. Faults:
 *  - '500', '503', '403', '501', 'nosuchupload': answers InternalError / ServiceUnavailable / AccessDenied /
 *    NotImplemented (a server that does not implement what a header asks for) / NoSuchUpload (404) with an S3 error
 *    body (the request body is read first);
 *  - 'hold':           reads the request body, then waits in the proxy until the test calls `release()`, and goes
 *                      upstream (after `release()`, at once). A held UploadPart makes an upload slow by construction:
 *                      the client cannot finish, the dump behind it blocks on its pipe. `whenHeld(n)` waits for it:
 *
 *   const proxy = await startFaultProxy(rgw().endpoint, uploadParts(() => 'hold'));   // every part waits
 *   ... start the backup ...; await proxy.whenHeld(1); ... act while it is stuck ...; proxy.release();
 *
 *  - 'reset':          reads the request body, then resets the TCP connection (RST: the client sees ECONNRESET);
 *  - 'reset-request':  resets the connection as soon as the first bytes of the request body arrive (mid-upload);
 *  - 'lost':           forwards the request and lets the server answer it, then resets the client's connection
 *                      instead of passing the answer on (the server acted, the client never hears of it);
 *  - 'stall':          never answers and never reads the body, until the proxy is closed (or `release()`);
 *  - 'reset-response': forwards, then sends the answer's headers and the first part of its body (`cut`, default half)
 *                      and resets the connection;
 *  - 'truncate':       the same, but closes the connection cleanly (FIN) after the first part of the body;
 *  - 'stall-response': the same, but then sends nothing more until the proxy is closed (or `release()`);
 *  - 'flip':           forwards the answer with one byte in the middle of its body inverted;
 *  - 'other-etag':     forwards the answer with another ETag header (a server whose ETags are not MD5-based);
 *  - 'slow':           a slow link: reads the request body 64 KiB every 50 ms, then forwards it. The last 8 MiB
 *                      are read at once: that much can sit in the kernel's socket buffers on loopback, where the
 *                      client cannot see it move (see src/s3/transport.ts).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type S3Op =
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'UploadPartCopy'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'ListMultipartUploads'
  | 'PutObject'
  | 'CopyObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'DeleteObjects'
  | 'ListObjectsV2'
  | 'Other';

export type Fault =
  | '500'
  | '503'
  | '403'
  | '501'
  | 'nosuchupload'
  | 'hold'
  | 'reset'
  | 'reset-request'
  | 'lost'
  | 'stall'
  | 'reset-response'
  | 'truncate'
  | 'stall-response'
  | 'flip'
  | 'other-etag'
  | 'slow';

export interface FaultSpec {
  fault: Fault;
  /** Share of the response body sent before reset-response / truncate / stall-response (0 to 1, default 0.5). */
  cut?: number;
}

export interface S3Request {
  op: S3Op;
  method: string;
  /** Path and query as received. */
  url: string;
  bucket?: string;
  key?: string;
  partNumber?: number;
  /** 1-based: the how-many-th request of this op on this key (and part) — retries count. */
  n: number;
  headers: http.IncomingHttpHeaders;
}

export type FaultRule = (r: S3Request) => Fault | FaultSpec | undefined;

export interface InjectedFault extends S3Request {
  fault: Fault;
}

export interface FaultProxy {
  endpoint: string;
  /** Every request seen, faulted or forwarded. */
  readonly seen: S3Request[];
  readonly injected: InjectedFault[];
  /** Requests of an op (on a key) seen so far. */
  count(op: S3Op, key?: string): number;
  /** Resolves once a fault that matches has been injected (at once if one already was). */
  whenInjected(match: (f: InjectedFault) => boolean): Promise<InjectedFault>;
  /** Requests waiting in the proxy ('hold') now. */
  readonly held: number;
  /** Settles once `count` requests wait in the proxy ('hold') at the same time. */
  whenHeld(count?: number): Promise<void>;
  /** Sends every held request upstream ('hold' forwards at once from now on); resets the connections held by 'stall'
   * and 'stall-response'. */
  release(): void;
  close(): Promise<void>;
}

type ErrorFault = '500' | '503' | '403' | '501' | 'nosuchupload';
const S3_ERRORS: Record<ErrorFault, { status: number; code: string; message: string }> = {
  '500': { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  '503': { status: 503, code: 'ServiceUnavailable', message: 'Please reduce your request rate.' },
  '403': { status: 403, code: 'AccessDenied', message: 'Access Denied' },
  '501': {
    status: 501,
    code: 'NotImplemented',
    message: 'A header you provided implies functionality that is not implemented',
  },
  nosuchupload: { status: 404, code: 'NoSuchUpload', message: 'The specified upload does not exist.' },
};

/** 'slow' reads this much of the end of a body at once. */
const SLOW_TAIL = 8 * 2 ** 20;

function errorXml(code: string, message: string, resource: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource.replace(/&/g, '&amp;')}</Resource>` +
    `<RequestId>fault-proxy</RequestId></Error>`
  );
}

/** What an S3 request is, from its method, path-style URL, query and headers. */
export function classify(method: string, url: string, headers: http.IncomingHttpHeaders): Omit<S3Request, 'n'> {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const [, bucket, ...rest] = path.split('/');
  const key = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
  const copy = headers['x-amz-copy-source'] !== undefined;
  let op: S3Op = 'Other';
  if (method === 'POST' && query.has('uploads')) op = 'CreateMultipartUpload';
  else if (method === 'PUT' && query.has('partNumber') && query.has('uploadId'))
    op = copy ? 'UploadPartCopy' : 'UploadPart';
  else if (method === 'POST' && query.has('uploadId')) op = 'CompleteMultipartUpload';
  else if (method === 'DELETE' && query.has('uploadId')) op = 'AbortMultipartUpload';
  else if (method === 'GET' && !key && query.has('uploads')) op = 'ListMultipartUploads';
  else if (method === 'GET' && !key && query.get('list-type') === '2') op = 'ListObjectsV2';
  else if (method === 'POST' && query.has('delete')) op = 'DeleteObjects';
  else if (key && method === 'PUT' && [...query.keys()].every((k) => k === 'x-id'))
    op = copy ? 'CopyObject' : 'PutObject';
  else if (key && method === 'GET' && [...query.keys()].every((k) => k === 'x-id')) op = 'GetObject';
  else if (key && method === 'HEAD') op = 'HeadObject';
  else if (key && method === 'DELETE' && [...query.keys()].every((k) => k === 'x-id')) op = 'DeleteObject';
  const partNumber = query.has('partNumber') ? Number(query.get('partNumber')) : undefined;
  return { op, method, url, bucket, key, headers, ...(partNumber !== undefined ? { partNumber } : {}) };
}

/** A rule for UploadPart requests only, numbered across all parts (1-based; retries count): `plan(n, partNumber)`. */
export function uploadParts(plan: (n: number, partNumber: number) => Fault | undefined): FaultRule {
  let n = 0;
  return (r) => (r.op === 'UploadPart' ? plan(++n, r.partNumber!) : undefined);
}

/**
 * @param target the upstream endpoint, e.g. http://127.0.0.1:7480
 * @param rule   which fault (if any) a request gets
 */
export async function startFaultProxy(target: string, rule: FaultRule): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const held = new Set<Socket>();
  const seen: S3Request[] = [];
  const injected: InjectedFault[] = [];
  const counts = new Map<string, number>();
  const waiters: { match: (f: InjectedFault) => boolean; resolve: (f: InjectedFault) => void }[] = [];
  let holding = true;
  const heldRequests: Array<() => void> = [];
  const heldWaiters: Array<{ count: number; resolve: () => void }> = [];
  const heldChanged = () => {
    for (const w of [...heldWaiters]) {
      if (heldRequests.length >= w.count) {
        heldWaiters.splice(heldWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const unhold = () => {
    holding = false;
    for (const go of heldRequests.splice(0)) go();
  };

  const inject = (r: S3Request, fault: Fault) => {
    const f = { ...r, fault };
    injected.push(f);
    for (const w of [...waiters]) {
      if (w.match(f)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(f);
      }
    }
  };

  /** Sends the request upstream; `onAnswer` gets the upstream status, headers and whole body. */
  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    onAnswer?: (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => void,
    requestBody?: Buffer,
  ) => {
    const headers = { ...req.headers };
    // the proxy already answered 100-continue to the client; `expect` is never signed by SigV4
    delete headers.expect;
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (upRes) => {
        if (!onAnswer) {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
          upRes.once('error', () => res.destroy());
          return;
        }
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.once('end', () => onAnswer(upRes.statusCode ?? 502, upRes.headers, Buffer.concat(chunks)));
        upRes.once('error', () => res.destroy());
      },
    );
    up.once('error', () => res.destroy());
    if (requestBody) up.end(requestBody);
    else req.pipe(up);
  };

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const base = classify(req.method ?? 'GET', url, req.headers);
    const countKey = `${base.op} ${base.key ?? ''} ${base.partNumber ?? ''}`;
    const n = (counts.get(countKey) ?? 0) + 1;
    counts.set(countKey, n);
    const r: S3Request = { ...base, n };
    seen.push(r);
    const decided = rule(r);
    const spec = typeof decided === 'string' ? { fault: decided } : decided;
    if (!spec) return forward(req, res);
    const { fault } = spec;
    const cut = (body: Buffer) => Math.floor(body.length * (spec.cut ?? 0.5));
    inject(r, fault);
    const socket = req.socket;
    switch (fault) {
      case '500':
      case '503':
      case '403':
      case '501':
      case 'nosuchupload': {
        req.resume();
        req.once('end', () => {
          const e = S3_ERRORS[fault];
          const body = errorXml(e.code, e.message, url.split('?')[0]!);
          res.writeHead(e.status, {
            'content-type': 'application/xml',
            'content-length': Buffer.byteLength(body),
            'x-amz-request-id': 'fault-proxy',
          });
          res.end(body);
        });
        return;
      }
      case 'reset':
        req.resume();
        req.once('end', () => socket.resetAndDestroy());
        return;
      case 'reset-request': {
        const length = Number(req.headers['content-length'] ?? 0);
        if (!length) return void socket.resetAndDestroy();
        req.once('data', () => socket.resetAndDestroy());
        return;
      }
      case 'stall':
        held.add(socket);
        return;
      case 'hold': {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.once('end', () => {
          const go = () => forward(req, res, undefined, Buffer.concat(chunks));
          if (!holding) return go();
          heldRequests.push(go);
          heldChanged();
        });
        return;
      }
      case 'slow': {
        const length = Number(req.headers['content-length'] ?? 0);
        const chunks: Buffer[] = [];
        let got = 0;
        // 64 KiB a tick, then the tail as fast as it comes
        const tick = setInterval(() => {
          for (let n = 0; n < 64 * 1024; ) {
            const chunk = req.read(16384) as Buffer | null;
            if (!chunk) break;
            chunks.push(chunk);
            got += chunk.length;
            n += chunk.length;
          }
          if (got < length - SLOW_TAIL) return;
          clearInterval(tick);
          req.on('data', (chunk: Buffer) => chunks.push(chunk));
          req.once('end', () => forward(req, res, undefined, Buffer.concat(chunks)));
        }, 50);
        req.once('close', () => clearInterval(tick));
        return;
      }
      case 'lost':
        forward(req, res, () => socket.resetAndDestroy());
        return;
      case 'flip':
        forward(req, res, (status, headers, body) => {
          if (body.length) body[Math.floor(body.length / 2)]! ^= 0xff;
          res.writeHead(status, headers);
          res.end(body);
        });
        return;
      case 'other-etag':
        forward(req, res, (status, headers, body) => {
          res.writeHead(status, { ...headers, etag: '"0123456789abcdef0123456789abcdef-2"' });
          res.end(body);
        });
        return;
      case 'reset-response':
      case 'truncate':
      case 'stall-response':
        forward(req, res, (status, headers, body) => {
          res.writeHead(status, headers);
          res.flushHeaders();
          res.write(body.subarray(0, cut(body)), () => {
            if (fault === 'reset-response') socket.resetAndDestroy();
            else if (fault === 'truncate') socket.end();
            else held.add(socket);
          });
        });
        return;
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => {
      sockets.delete(s);
      held.delete(s);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    injected,
    count: (op, key) => seen.filter((r) => r.op === op && (key === undefined || r.key === key)).length,
    whenInjected(match) {
      const already = injected.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    get held() {
      return heldRequests.length;
    },
    whenHeld(count = 1) {
      return new Promise<void>((resolve) => {
        heldWaiters.push({ count, resolve });
        heldChanged();
      });
    },
    release() {
      unhold();
      for (const s of held) s.resetAndDestroy();
      held.clear();
    },
    async close() {
      unhold();
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- the older form: faults for UploadPart requests, numbered across all parts
