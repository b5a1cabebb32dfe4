/**
 * Reading an encrypted backup back, for restore (and verify and validate, which take the same options).
 *
 * The rule is the restore's: nothing touches a target until every byte is proven. The SHA-256 sidecar proves the
 * stored ciphertext; decryption must be proven too (right key, no damaged or truncated chunk), and neither format
 * proves it before its end:
 *  - age's STREAM authenticates every 64 KiB chunk as it goes, but truncation at a chunk boundary is only caught
 *    by the final chunk's flag, at the very end;
 *  - OpenPGP's SEIPDv1 (what gpg 2.2 reads and writes) checks its MDC only after the last byte. OpenPGP.js either
 *    buffers the whole plaintext until then (measured: 891 MiB RSS for a 256 MiB backup) or, with
 *    `allowUnauthenticatedStream`, streams and fails at the end. SEIPDv2/AEAD would authenticate per chunk, but
 *    gpg 2.2 cannot read it.
 * So `authenticate()` decrypts the whole downloaded file once, discarding the plaintext (streamed: constant
 * memory, no second temporary file), before the target is touched; the restore's own pass streams again from the
 * same private, verified file. The cost is one extra decryption pass of the compressed size.
 */
import type { DecryptionOptions } from '../model/options.js';
import { createReadStream } from 'node:fs';
import { Writable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadable } from 'node:stream/web';
import type * as openpgp from 'openpgp';
import { UserError } from '../core/errors.js';
import type { Manifest } from '../model/manifest.js';
import type { Encryption } from '../model/naming.js';
import { oneLineMessage } from './encrypt.js';
import type { DecryptionKeys } from '../model/encryption.js';
import { webStage } from './web-stage.js';
import { inputRef } from '../core/input-ref.js';

/** The backup being read: its key (whose extension says the method) and manifest (which names the recipients). */
export interface EncryptedBackup {
  entry: { key: string; encryption?: Encryption };
  manifest?: Manifest;
}

export interface Decryption {
  method: Encryption;
  label: string;
  /** Decrypts the whole file and discards the plaintext: proves the key and every byte. Throws a one-line UserError. */
  authenticate(file: string, signal?: AbortSignal): Promise<{ plaintextBytes: number }>;
  /** A fresh decrypting stage for DecodeSpec.stages (one per stream). Its errors are mapped like authenticate's. */
  stage(): Duplex;
}

/** Worded by the host at the time of the message. */
const input = () => inputRef('decryption-key');

/**
 * The decryption a chosen backup needs, or undefined when it is not encrypted. Fails before any download when the
 * key is missing, of the other method, cannot be unlocked, or (per the manifest) belongs to none of the recipients.
 */
export async function openDecryption(o: DecryptionOptions, backup: EncryptedBackup): Promise<Decryption | undefined> {
  const method = backup.entry.encryption;
  if (!method) return undefined;
  const key = backup.entry.key;
  const recipients = backup.manifest?.encryption?.method === method ? backup.manifest.encryption.recipients : [];
  const forWhom = recipients.length ? ` (encrypted for ${recipients.join(', ')})` : '';
  const keys = o.decryption;
  if (method === 'age') {
    if (!keys?.age.length) {
      throw new UserError(
        `${input()} ${keys ? 'holds no age identity' : 'is empty'}: ${key} is age-encrypted${forWhom}; set ${input()} to the matching identity (AGE-SECRET-KEY-1…)`,
      );
    }
    return openAge(keys.age, key, recipients, forWhom);
  }
  if (!keys?.armored.length && !keys?.binary.length) {
    throw new UserError(
      `${input()} ${keys ? 'holds no OpenPGP private key' : 'is empty'}: ${key} is OpenPGP-encrypted${forWhom}; set ${input()} to the matching armored private key (and decryption-passphrase if it has one)`,
    );
  }
  return openPgp(keys, key, recipients, forWhom);
}

async function openAge(identities: string[], key: string, recipients: string[], forWhom: string): Promise<Decryption> {
  // imported when needed: see encrypt.ts
  const { Decrypter, identityToRecipient } = await import('age-encryption');
  const decrypter = new Decrypter();
  const mine: string[] = [];
  for (const id of identities) {
    try {
      decrypter.addIdentity(id);
      mine.push(await identityToRecipient(id));
    } catch (err) {
      throw new UserError(
        `${input()}: an age identity is not valid (${oneLineMessage(err)}); copy the AGE-SECRET-KEY-1… line again from the key file`,
      );
    }
  }
  // the manifest names the recipients: refuse a key that is none of them before downloading gigabytes
  if (recipients.length && !mine.some((r) => recipients.includes(r))) {
    throw new UserError(
      `${input()} does not open ${key}: the key is for ${mine.join(', ')}${forWhom}; use the identity of one of those recipients`,
    );
  }
  const fail = (err: unknown) =>
    /no identity matched/.test(oneLineMessage(err))
      ? new UserError(`${input()} does not open ${key}: none of its recipients is ${mine.join(', ')}${forWhom}`)
      : new UserError(`${key}: the age ciphertext is damaged or truncated (${oneLineMessage(err)})`);
  return decryption('age', 'age', fail, (mapError) =>
    webStage(
      (input) =>
        decrypter.decrypt(input as unknown as ReadableStream<Uint8Array>) as unknown as Promise<
          WebReadable<Uint8Array>
        >,
      mapError,
    ),
  );
}

async function readPrivateKeys(keys: DecryptionKeys): Promise<openpgp.PrivateKey[]> {
  const openpgp = await import('openpgp');
  const out: openpgp.PrivateKey[] = [];
  try {
    for (const a of keys.armored) out.push(...(await openpgp.readPrivateKeys({ armoredKeys: a })));
    for (const b of keys.binary) out.push(...(await openpgp.readPrivateKeys({ binaryKeys: b })));
  } catch (err) {
    const msg = oneLineMessage(err);
    if (/not of type private key|Armored text not of type private/i.test(msg)) {
      throw new UserError(
        `${input()}: holds an OpenPGP PUBLIC key: give the private key (gpg --armor --export-secret-keys <id>)`,
      );
    }
    throw new UserError(
      `${input()}: the OpenPGP private key could not be read (${msg}); export it again with gpg --armor --export-secret-keys <id>`,
    );
  }
  return out;
}

async function openPgp(keys: DecryptionKeys, key: string, recipients: string[], forWhom: string): Promise<Decryption> {
  const openpgp = await import('openpgp');
  const unlocked: openpgp.PrivateKey[] = [];
  for (const k of await readPrivateKeys(keys)) {
    const fpr = k.getFingerprint().toUpperCase();
    if (k.isDecrypted()) {
      unlocked.push(k);
      continue;
    }
    if (!keys.passphrase) {
      throw new UserError(
        `decryption-passphrase is empty but the OpenPGP key ${fpr} is protected by a passphrase: set ${inputRef('decryption-passphrase')}`,
      );
    }
    try {
      unlocked.push(await openpgp.decryptKey({ privateKey: k, passphrase: keys.passphrase }));
    } catch (err) {
      throw new UserError(`decryption-passphrase does not unlock the OpenPGP key ${fpr} (${oneLineMessage(err)})`);
    }
  }
  const mine = unlocked.map((k) => k.getFingerprint().toUpperCase());
  if (recipients.length && !mine.some((f) => recipients.includes(f))) {
    throw new UserError(
      `${input()} does not open ${key}: the key is ${mine.join(', ')}${forWhom}; use the private key of one of those recipients`,
    );
  }
  const fail = (err: unknown) => {
    const msg = oneLineMessage(err);
    return /No decryption key packets found|Session key decryption failed/i.test(msg)
      ? new UserError(`${input()} does not open ${key}: none of its recipients is ${mine.join(', ')}${forWhom}`)
      : new UserError(`${key}: the OpenPGP ciphertext is damaged or truncated (${msg})`);
  };
  // streamed (see the top of this file): authenticate() has already read to the MDC before anyone uses the output
  const config = { allowUnauthenticatedStream: true };
  return decryption('gpg', 'OpenPGP', fail, (mapError) =>
    webStage(async (input) => {
      const message = await openpgp.readMessage({
        binaryMessage: input as unknown as ReadableStream<Uint8Array>,
        config,
      });
      const { data } = await openpgp.decrypt({ message, decryptionKeys: unlocked, format: 'binary', config });
      return data as unknown as WebReadable<Uint8Array>;
    }, mapError),
  );
}

function decryption(
  method: Encryption,
  label: string,
  fail: (err: unknown) => UserError,
  create: (mapError: (err: unknown) => unknown) => Duplex,
): Decryption {
  // the library's words → one line naming the problem
  const mapped = () => create((err) => (err instanceof UserError ? err : fail(err)));
  return {
    method,
    label,
    stage: mapped,
    async authenticate(file, signal) {
      let plaintextBytes = 0;
      const discard = new Writable({
        write(chunk: Buffer, _enc, cb) {
          plaintextBytes += chunk.length;
          cb();
        },
      });
      try {
        await pipeline(createReadStream(file), mapped(), discard, { signal });
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        throw err instanceof UserError ? err : fail(err);
      }
      return { plaintextBytes };
    },
  };
}
