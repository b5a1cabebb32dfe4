/**
 * A small HTTP proxy in front of an S3 endpoint that injects faults into UploadPart requests (PUT with
 * `partNumber=` and `uploadId=` in the query), to prove how the product behaves on S3 errors and dropped
 * connections. Everything else is forwarded untouched — with the Host header the client sent, so SigV4 signatures
 * (which sign Host) still validate upstream.
 *
 *   const proxy = await startFaultProxy(rgw().endpoint, (n) => (n === 1 ? '500' : n === 2 ? 'reset' : undefined));
 *   ... --endpoint proxy.endpoint ...
 *   expect(proxy.injected.map((f) => f.fault)).toEqual(['500', 'reset']);
 *   await proxy.close();
 *
 * Faults:
 *  - '500':   answers 500 with an S3 `<Error><Code>InternalError</Code>…` body (the request body is read first);
 *  - '403':   answers 403 AccessDenied the same way;
 *  - '501':   answers 501 NotImplemented the same way (a server that does not implement what a header asks for);
 *  - 'reset': reads the request body, then resets the TCP connection (RST: the client sees ECONNRESET).
 *
 * And 'hold': the request (body read) waits in the proxy until the test calls `release()`, then goes upstream. A held
 * UploadPart makes an upload slow by construction: the client cannot finish, the dump behind it blocks on its pipe.
 *
 *   const proxy = await startFaultProxy(rgw().endpoint, () => 'hold');   // every part waits
 *   ... start the backup ...; await proxy.whenHeld(1); ... act while it is stuck ...; proxy.release();
 *
 * `o.requests` decides for any request (UploadPart included, before `plan`), from its method, URL and headers.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = '500' | '403' | '501' | 'reset';
export type Action = Fault | 'hold';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface InjectedFault {
  /** 1-based index of the UploadPart request among all UploadPart requests the proxy saw. */
  request: number;
  partNumber: number;
  fault: Fault;
}

export interface FaultProxy {
  endpoint: string;
  /** UploadPart requests seen (faulted or forwarded). */
  readonly uploadPartRequests: number;
  readonly injected: InjectedFault[];
  /** Every request seen, as "METHOD path?query" (for diagnostics). */
  readonly requests: string[];
  /** Faults that `o.requests` chose, as "METHOD path?query → fault". */
  readonly answered: string[];
  /** Requests waiting in the proxy now. */
  readonly held: number;
  /** Settles once `count` requests are waiting at the same time. */
  whenHeld(count?: number): Promise<void>;
  /** Sends every held request upstream; from now on 'hold' forwards at once. */
  release(): void;
  close(): Promise<void>;
}

const S3_ERRORS: Record<'500' | '403' | '501', { status: number; code: string; message: string }> = {
  '500': { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  '403': { status: 403, code: 'AccessDenied', message: 'Access Denied' },
  '501': {
    status: 501,
    code: 'NotImplemented',
    message: 'A header you provided implies functionality that is not implemented',
  },
};

function errorXml(code: string, message: string, resource: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource.replace(/&/g, '&amp;')}</Resource>` +
    `<RequestId>fault-proxy</RequestId></Error>`
  );
}

/**
 * @param target the upstream endpoint, e.g. http://127.0.0.1:7480
 * @param plan   which fault (if any) the n-th UploadPart request (1-based) gets
 */
export async function startFaultProxy(
  target: string,
  plan: (n: number, partNumber: number) => Action | undefined,
  o: { requests?: (r: SeenRequest) => Action | undefined } = {},
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const injected: InjectedFault[] = [];
  const requests: string[] = [];
  const answered: string[] = [];
  let uploadPartRequests = 0;
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

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body?: Buffer) => {
    const headers = { ...req.headers };
    // the proxy already answered 100-continue to the client; `expect` is never signed by SigV4
    delete headers.expect;
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url ?? '/', headers, agent },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.once('error', () => res.destroy());
      },
    );
    up.once('error', () => res.destroy());
    if (body) up.end(body);
    else req.pipe(up);
  };

  const act = (req: http.IncomingMessage, res: http.ServerResponse, action: Action) => {
    const url = req.url ?? '/';
    // read the body first: the client is not cut off mid-body, it gets a real answer (or a reset)
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => {
      if (action === 'hold') {
        const go = () => forward(req, res, Buffer.concat(chunks));
        if (!holding) return go();
        heldRequests.push(go);
        heldChanged();
        return;
      }
      if (action === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      const e = S3_ERRORS[action];
      const body = errorXml(e.code, e.message, url.split('?')[0]!);
      res.writeHead(e.status, {
        'content-type': 'application/xml',
        'content-length': Buffer.byteLength(body),
        'x-amz-request-id': 'fault-proxy',
      });
      res.end(body);
    });
  };

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(`${req.method} ${url}`);
    const chosen = o.requests?.({ method: req.method ?? '', url, headers: req.headers });
    if (chosen) {
      answered.push(`${req.method} ${url} → ${chosen}`);
      return act(req, res, chosen);
    }
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const isUploadPart = req.method === 'PUT' && query.has('partNumber') && query.has('uploadId');
    if (isUploadPart) {
      const n = ++uploadPartRequests;
      const partNumber = Number(query.get('partNumber'));
      const action = plan(n, partNumber);
      if (action) {
        if (action !== 'hold') injected.push({ request: n, partNumber, fault: action });
        return act(req, res, action);
      }
    }
    forward(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get uploadPartRequests() {
      return uploadPartRequests;
    },
    injected,
    requests,
    answered,
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
      holding = false;
      for (const go of heldRequests.splice(0)) go();
    },
    async close() {
      holding = false;
      for (const go of heldRequests.splice(0)) go();
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
