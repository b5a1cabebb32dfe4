/**
 * A notification as an e-mail through the SMTP server of a smtp:// or smtps:// URL (nodemailer): a plain-text part
 * and an HTML part. The sender is the URL's ?from= parameter, else s3-backup@<host>. Every step has a timeout and
 * the whole exchange a deadline; a failure comes back as a verdict, never thrown.
 */
import os from 'node:os';

/** The message as the mail carries it: subject, plain text and HTML. */
export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

export interface MailVerdict {
  ok: boolean;
  problem?: string;
}

export async function sendEmail(url: string, to: string[], m: MailMessage, timeoutMs: number): Promise<MailVerdict> {
  // loaded when a mail is sent: the rest of the CLI starts without it
  const { default: nodemailer } = await import('nodemailer');
  const u = new URL(url);
  const from = u.searchParams.get('from') ?? `s3-backup@${os.hostname()}`;
  u.searchParams.delete('from');
  const transport = nodemailer.createTransport({
    url: u.toString(),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([transport.sendMail({ from, to, subject: m.subject, text: m.text, html: m.html }), deadline]);
    return { ok: true };
  } catch (err) {
    const e = err as Error & { code?: string; responseCode?: number };
    return { ok: false, problem: e.responseCode ? `SMTP ${e.responseCode}: ${e.message}` : (e.code ?? e.message) };
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
