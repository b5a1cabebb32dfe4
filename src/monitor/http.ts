import type { HttpRequest } from '../model/monitor.js';

export interface HttpVerdict {
  ok: boolean;
  /** HTTP status of the last attempt; undefined when no answer came (refused, timed out, DNS). */
  status?: number;
  /** What went wrong, one line: "HTTP 400: …" or the network error. */
  problem?: string;
  attempts: number;
}

export interface SendOptions {
  /** Per attempt. */
  timeoutMs?: number;
  attempts?: number;
  /** Backoff between attempts; tests may pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Worth another try: no answer, a server error, or rate limiting (healthchecks' and Sentry's advice). */
export function retryable(status: number | undefined): boolean {
  return status === undefined || status === 429 || status >= 500;
}

export async function send(req: HttpRequest, o: SendOptions = {}): Promise<HttpVerdict> {
  const attempts = o.attempts ?? 3;
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? sleepFor;
  let verdict: HttpVerdict = { ok: false, attempts: 0, problem: 'not sent' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await doFetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      const text = await res.text().catch(() => '');
      if (res.ok) return { ok: true, status: res.status, attempts: attempt };
      const detail = text.replace(/\s+/g, ' ').trim().slice(0, 200);
      verdict = {
        ok: false,
        status: res.status,
        attempts: attempt,
        problem: `HTTP ${res.status}${detail ? `: ${detail}` : ''}`,
      };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const reason =
        e.name === 'TimeoutError'
          ? `no answer within ${(o.timeoutMs ?? 10_000) / 1000} s`
          : (e.cause?.code ?? e.cause?.message ?? e.message);
      verdict = { ok: false, attempts: attempt, problem: reason };
    }
    if (!retryable(verdict.status) || attempt === attempts) break;
    await sleep(1000 * 2 ** (attempt - 1));
  }
  return verdict;
}
