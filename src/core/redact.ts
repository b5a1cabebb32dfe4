/**
 * Every secret the run learns is registered here; every line that leaves the process (logs, errors, summaries,
 * manifests, state) goes through `redact`. The action also calls core.setSecret so the runner masks them too.
 */
const secrets = new Set<string>();
const listeners: Array<(secret: string) => void> = [];

export function addSecret(value: string | undefined | null): void {
  if (!value || value.length < 3 || secrets.has(value)) return;
  const forms = new Set([value, encodeURIComponent(value)]);
  for (const form of forms) {
    secrets.add(form);
    for (const listener of listeners) listener(form);
  }
}

export function onSecret(listener: (secret: string) => void): void {
  listeners.push(listener);
  for (const secret of secrets) listener(secret);
}

export function redact(text: string): string {
  let out = text;
  // longest first, so a secret that contains another is masked whole
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('***');
  }
  // a password inside any connection URL, registered or not
  return out.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}

/** For tests. */
export function clearSecrets(): void {
  secrets.clear();
}
