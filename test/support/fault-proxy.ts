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
 *  - 'reset': reads the request body, then resets the TCP connection (RST: the client sees ECONNRESET).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = '500' | '403' | 'reset';

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
  close(): Promise<void>;
}

const S3_ERRORS: Record<'500' | '403', { status: number; code: string; message: string }> = {
  '500': { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  '403': { status: 403, code: 'AccessDenied', message: 'Access Denied' },
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
export async function startFaultProxy(target: string, plan: (n: number, partNumber: number) => Fault | undefined): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const injected: InjectedFault[] = [];
  const requests: string[] = [];
  let uploadPartRequests = 0;

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(`${req.method} ${url}`);
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const isUploadPart = req.method === 'PUT' && query.has('partNumber') && query.has('uploadId');
    if (isUploadPart) {
      const n = ++uploadPartRequests;
      const partNumber = Number(query.get('partNumber'));
      const fault = plan(n, partNumber);
      if (fault) {
        injected.push({ request: n, partNumber, fault });
        // read and discard the part first: the client is not cut off mid-body, it gets a real answer (or a reset)
        req.resume();
        req.once('end', () => {
          if (fault === 'reset') {
            req.socket.resetAndDestroy();
            return;
          }
          const e = S3_ERRORS[fault];
          const body = errorXml(e.code, e.message, url.split('?')[0]!);
          res.writeHead(e.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-amz-request-id': 'fault-proxy' });
          res.end(body);
        });
        return;
      }
    }
    const headers = { ...req.headers };
    // the proxy already answered 100-continue to the client; `expect` is never signed by SigV4
    delete headers.expect;
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: url, headers, agent },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.once('error', () => res.destroy());
      },
    );
    up.once('error', () => res.destroy());
    req.pipe(up);
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
    async close() {
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
