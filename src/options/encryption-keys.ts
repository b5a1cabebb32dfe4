/**
 * What `encryption-recipients` and `decryption-key` hold, recognised by form (pure apart from reading a named file):
 * age recipients `age1…` / identities `AGE-SECRET-KEY-1…` (as `age-keygen` writes them: `#` comments allowed),
 * armored OpenPGP key blocks, or the path of a file holding any of these (binary OpenPGP keys from
 * `gpg --export` too). A backup is encrypted with one method, so recipients must not mix age and OpenPGP.
 * Nothing here echoes a value that could be a secret: messages name the input and the form, never the text.
 */
import type { EncryptionRecipients, DecryptionKeys } from '../model/encryption.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { errorMessage, UserError } from '../core/errors.js';
import { addSecret } from '../core/redact.js';

const BLOCK = /-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----[\s\S]*?-----END PGP \1 KEY BLOCK-----/g;
const AGE_RECIPIENT = /^age1[0-9a-z]+$/;
const AGE_IDENTITY = /^AGE-SECRET-KEY-(?:PQ-)?1[0-9A-Z]+$/;
const SSH_KEY = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-\S+|sk-ssh-\S+)$/;

/** An OpenPGP packet starts with a byte whose high bit is set (old or new packet format). */
const looksBinaryPgp = (b: Buffer) => b.length > 2 && (b[0]! & 0x80) !== 0;

interface Found {
  ageRecipients: string[];
  ageIdentities: string[];
  publicBlocks: string[];
  privateBlocks: string[];
  binary: Uint8Array[];
  /** tokens that are none of the above (never echoed: they could be secrets) */
  unknown: number;
  ssh: number;
}

/** Splits a value into what it holds; a token that names a readable file is replaced by the file's content. */
function scan(input: string, text: string, depth = 0): Found {
  const found: Found = {
    ageRecipients: [],
    ageIdentities: [],
    publicBlocks: [],
    privateBlocks: [],
    binary: [],
    unknown: 0,
    ssh: 0,
  };
  const rest = text.replace(BLOCK, (block, kind: string) => {
    (kind === 'PUBLIC' ? found.publicBlocks : found.privateBlocks).push(block.replace(/\r\n/g, '\n'));
    return '\n';
  });
  if (/-----BEGIN PGP /.test(rest)) {
    throw new UserError(
      `${input}: holds an OpenPGP armor block without its END line (copy the whole block, from -----BEGIN to -----END)`,
    );
  }
  for (const rawLine of rest.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue; // age-keygen's "# created:" / "# public key:" comments
    const tokens = line.split(/[\s,]+/).filter(Boolean);
    if (SSH_KEY.test(tokens[0]!)) {
      found.ssh++;
      continue;
    }
    for (const token of tokens) {
      if (AGE_RECIPIENT.test(token)) found.ageRecipients.push(token);
      else if (AGE_IDENTITY.test(token)) found.ageIdentities.push(token);
      else if (depth === 0 && isFile(token)) merge(found, scanFile(input, token, depth + 1));
      else found.unknown++;
    }
  }
  return found;
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

function scanFile(input: string, file: string, depth: number): Found {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UserError(`${input}: cannot read ${file}: ${errorMessage(err)}`);
  }
  if (looksBinaryPgp(bytes)) {
    const none = scan(input, '', depth);
    none.binary.push(new Uint8Array(bytes));
    return none;
  }
  return scan(input, bytes.toString('utf8'), depth);
}

function merge(into: Found, from: Found): void {
  into.ageRecipients.push(...from.ageRecipients);
  into.ageIdentities.push(...from.ageIdentities);
  into.publicBlocks.push(...from.publicBlocks);
  into.privateBlocks.push(...from.privateBlocks);
  into.binary.push(...from.binary);
  into.unknown += from.unknown;
  into.ssh += from.ssh;
}

/** Secret forms are registered for redaction before anything can print them: the whole value and each key line. */
function registerSecrets(found: Found): void {
  for (const id of found.ageIdentities) addSecret(id);
  for (const block of found.privateBlocks) {
    addSecret(block);
    for (const line of block.split('\n'))
      if (line.trim().length >= 16 && !line.startsWith('-----')) addSecret(line.trim());
  }
}

/** `encryption-recipients` → the method and its public keys; undefined when empty. */
export function parseRecipients(input: string, value: string): EncryptionRecipients | undefined {
  if (!value.trim()) return undefined;
  const found = scan(input, value);
  registerSecrets(found);
  if (found.ageIdentities.length) {
    throw new UserError(
      `${input}: holds an age identity (AGE-SECRET-KEY-…), which is the secret half: give its recipient instead (age-keygen -y key.txt prints it); the backup job should never hold the secret key`,
    );
  }
  if (found.privateBlocks.length) {
    throw new UserError(
      `${input}: holds an OpenPGP PRIVATE key block: give the public key instead (gpg --armor --export <id>); the backup job should never hold the private key`,
    );
  }
  if (found.ssh) {
    throw new UserError(
      `${input}: SSH keys are not supported as age recipients here: use an age recipient (age1…, from age-keygen) or an OpenPGP public key`,
    );
  }
  if (found.unknown) {
    throw new UserError(
      `${input}: ${found.unknown} entr${found.unknown === 1 ? 'y is' : 'ies are'} neither an age recipient (age1…), an armored OpenPGP public key block nor a readable key file`,
    );
  }
  const pgp = found.publicBlocks.length + found.binary.length;
  if (found.ageRecipients.length && pgp) {
    throw new UserError(
      `${input}: mixes age recipients and OpenPGP keys; a backup is encrypted with one method: give only age1… recipients or only OpenPGP public keys`,
    );
  }
  if (found.ageRecipients.length) return { method: 'age', recipients: [...new Set(found.ageRecipients)] };
  if (pgp) return { method: 'gpg', armored: found.publicBlocks, binary: found.binary };
  throw new UserError(`${input}: no age recipient or OpenPGP public key found`);
}

/** `decryption-key` (+ `decryption-passphrase`) → the secret keys; undefined when empty. */
export function parseDecryptionKey(input: string, value: string, passphrase?: string): DecryptionKeys | undefined {
  if (!value.trim()) {
    if (passphrase)
      throw new UserError(
        `decryption-passphrase is set but ${input} is empty: set ${input} to the OpenPGP private key it unlocks`,
      );
    return undefined;
  }
  const found = scan(input, value);
  registerSecrets(found);
  if (found.ageIdentities.length === 0 && found.privateBlocks.length === 0 && found.binary.length === 0) {
    if (found.ageRecipients.length) {
      throw new UserError(
        `${input}: holds an age recipient (age1…), the public half: give the identity (the AGE-SECRET-KEY-1… line of the key file)`,
      );
    }
    if (found.publicBlocks.length) {
      throw new UserError(
        `${input}: holds an OpenPGP PUBLIC key: give the private key (gpg --armor --export-secret-keys <id>)`,
      );
    }
    throw new UserError(
      `${input}: is neither an age identity (AGE-SECRET-KEY-1…), an armored OpenPGP private key block nor a readable key file`,
    );
  }
  if (found.unknown) {
    throw new UserError(
      `${input}: ${found.unknown} entr${found.unknown === 1 ? 'y is' : 'ies are'} neither an age identity (AGE-SECRET-KEY-1…), an armored OpenPGP private key block nor a readable key file`,
    );
  }
  // binary key files: public or private is only known once parsed (decrypt.ts says which)
  return {
    age: [...new Set(found.ageIdentities)],
    armored: found.privateBlocks,
    binary: found.binary,
    ...(passphrase ? { passphrase } : {}),
  };
}
