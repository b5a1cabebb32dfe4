/**
 * The inputs that become parts of object keys — prefix (one or more folders), environment and name (parts of every
 * backup's file name) — checked by one rule: no empty segment, no "." or "..", only characters that are safe in an
 * S3 key. A key such as `../x/…` or `a//b/…` is legal for S3 but means something else to every tool that maps keys
 * to paths (aws s3 sync, rclone, a restore script): it is refused, not written.
 */
import { UserError } from '../core/errors.js';

/** S3's "safe characters" for key names: letters, digits and ! - _ . * ' ( ). */
const PREFIX_SEGMENT = /^[A-Za-z0-9!_.*'()-]+$/;
/** environment: no "_" (it separates name, environment and time in every file name). */
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const dotsOnly = (s: string) => /^\.+$/.test(s);

/** The prefix as keys use it: no leading or trailing "/" ("/" alone: the bucket's root, ""), every segment safe. */
export function parsePrefix(input: string, text: string): string {
  const prefix = text.replace(/^\/+|\/+$/g, '');
  if (!prefix) return '';
  for (const segment of prefix.split('/')) {
    if (!segment) throw new UserError(`${input}: "${text}" has an empty folder ("//"); use e.g. backups/shop`);
    if (dotsOnly(segment)) {
      throw new UserError(
        `${input}: "${text}" has the folder "${segment}", which tools that map keys to paths read as a path step; use e.g. backups/shop`,
      );
    }
    if (!PREFIX_SEGMENT.test(segment)) {
      throw new UserError(
        `${input}: "${text}" has the folder "${segment}": folders may hold only letters, digits and ! - _ . * ' ( ) (S3's safe characters), separated by "/"`,
      );
    }
  }
  return prefix;
}

export function parseEnvironment(input: string, text: string): string {
  if (!ENVIRONMENT.test(text)) {
    throw new UserError(
      `${input}: "${text}" may hold only letters, digits, "." and "-", starting with a letter or digit (it is part of every key)`,
    );
  }
  return text;
}

export function parseName(input: string, text: string): string {
  if (!NAME.test(text)) {
    throw new UserError(
      `${input}: "${text}" may hold only letters, digits, ".", "_" and "-", starting with a letter or digit (it is part of every key)`,
    );
  }
  return text;
}
