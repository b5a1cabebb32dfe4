/**
 * libpq's host name check for sslmode=verify-full
 * (libpq ≥ 14: fe-secure-common.c, pgtls_verify_peer_name_matches_certificate_guts).
 */
import type { PeerCertificate } from 'node:tls';

/** An IP address in canonical form (WHATWG URL's parser accepts what inet_aton/inet_pton do), or undefined. */
function canonicalIp(text: string): string | undefined {
  try {
    if (text.includes(':')) return new URL(`http://[${text}]/`).hostname.slice(1, -1);
    if (!/^[0-9a-fA-FxX.]+$/.test(text)) return undefined;
    const h = new URL(`http://${text}/`).hostname;
    return /^\d+\.\d+\.\d+\.\d+$/.test(h) ? h : undefined;
  } catch {
    return undefined;
  }
}

/** A certificate name against the host: equal ignoring case, or `*.rest` with `*` standing for one label. */
function nameMatches(pattern: string, host: string): boolean {
  if (pattern.toLowerCase() === host.toLowerCase()) return true;
  if (pattern.length < 3 || !pattern.startsWith('*.') || pattern.length > host.length) return false;
  if (pattern.slice(1).toLowerCase() !== host.slice(host.length - pattern.length + 1).toLowerCase()) return false;
  return host.indexOf('.') >= host.length - pattern.length;
}

export interface CertName {
  type: 'DNS' | 'IP';
  value: string;
}

/** Node's `subjectaltname` text ("DNS:a, IP Address:127.0.0.1", values JSON-quoted when they need it) → names. */
export function parseSubjectAltName(text: string | undefined): CertName[] {
  const out: CertName[] = [];
  let i = 0;
  const s = text ?? '';
  while (i < s.length) {
    const colon = s.indexOf(':', i);
    if (colon < 0) break;
    const type = s.slice(i, colon);
    i = colon + 1;
    let value: string;
    if (s[i] === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      value = JSON.parse(s.slice(i, j + 1)) as string;
      i = j + 1;
    } else {
      const end = s.indexOf(', ', i);
      value = s.slice(i, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end;
    }
    if (s.startsWith(', ', i)) i += 2;
    if (type === 'DNS') out.push({ type: 'DNS', value });
    else if (type === 'IP Address') out.push({ type: 'IP', value });
  }
  return out;
}

/** libpq's verify-full check: undefined when `host` matches, else libpq's own words. */
export function hostMismatch(host: string, sans: CertName[], commonName: string | undefined): string | undefined {
  const hostIp = canonicalIp(host);
  const hostType = hostIp !== undefined ? 'IP' : 'DNS';
  let checkCn = true;
  let examined = 0;
  let first: string | undefined;
  for (const san of sans) {
    if (san.type === hostType) checkCn = false;
    examined++;
    const ip = san.type === 'IP' ? canonicalIp(san.value) : undefined;
    first ??= ip ?? san.value;
    const match = san.type === 'DNS' ? nameMatches(san.value, host) : hostIp !== undefined && ip === hostIp;
    if (match) return undefined;
  }
  if (checkCn && commonName !== undefined) {
    examined++;
    first ??= commonName;
    if (nameMatches(commonName, host)) return undefined;
  }
  if (first === undefined) return `could not get the server's host name from its certificate (host "${host}")`;
  const others = examined - 1;
  const and = others ? ` (and ${others} other name${others > 1 ? 's' : ''})` : '';
  return `server certificate for "${first}"${and} does not match host name "${host}"`;
}

export const HOST_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';

/** checkServerIdentity for verify-full: libpq's rules against the host we were given (not Node's servername). */
export function libpqHostCheck(host: string): (servername: string, cert: PeerCertificate) => Error | undefined {
  return (_servername, cert) => {
    const cn = cert.subject?.CN as string | string[] | undefined;
    const why = hostMismatch(host, parseSubjectAltName(cert.subjectaltname), Array.isArray(cn) ? cn[0] : cn);
    return why === undefined ? undefined : Object.assign(new Error(why), { code: HOST_MISMATCH });
  };
}
