/**
 * Local stand-ins for the services notifications go to: an HTTP server that records every request and answers as
 * each service does (Slack 200 "ok", Discord 204, a Teams workflow 202, Google Chat and ntfy 200 with JSON, a
 * webhook 200), or fails (500) or never answers, by path; and an SMTP server (smtp-server) that takes the login and
 * the message. Both hand every body to the suite's secrets check.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { capture } from './run.js';

export interface NotifyRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  raw: Buffer;
}

export interface NotifyServer {
  url: string;
  requests: NotifyRequest[];
  /** Requests held without an answer (paths under /hang/). */
  held: number;
  waitFor(pred: (r: NotifyRequest) => boolean): Promise<NotifyRequest>;
  stop(): Promise<void>;
}

function answer(path: string, res: ServerResponse): void {
  if (path.startsWith('/fail/')) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('broken');
  if (path.startsWith('/services/')) return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  if (path.startsWith('/api/webhooks/')) return void res.writeHead(204).end();
  if (path.includes('/workflows/')) return void res.writeHead(202).end();
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
}

export async function startNotifyServer(): Promise<NotifyServer> {
  const requests: NotifyRequest[] = [];
  const waiters: Array<{ pred: (r: NotifyRequest) => boolean; resolve: (r: NotifyRequest) => void }> = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const r: NotifyRequest = {
        method: req.method ?? '',
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        headers: req.headers,
        raw: Buffer.concat(chunks),
      };
      requests.push(r);
      capture('notification body', r.raw.toString('utf8'));
      for (const w of [...waiters])
        if (w.pred(r)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(r);
        }
      if (u.pathname.startsWith('/hang/')) hanging.push(res);
      else answer(u.pathname, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get held() {
      return hanging.length;
    },
    waitFor(pred) {
      const hit = requests.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Mail {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

export interface MailServer {
  port: number;
  mails: Mail[];
  stop(): Promise<void>;
}

/** A plain SMTP server on loopback that accepts one user, with AUTH allowed without TLS (it is local). */
export async function startMailServer(user: string, password: string): Promise<MailServer> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === password) return cb(null, { user });
      cb(new Error('535 wrong login'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        capture('notification e-mail', raw);
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
