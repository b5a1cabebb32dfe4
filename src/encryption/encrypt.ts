/**
 * Client-side public-key encryption of the backup stream, after compression (ciphertext does not compress): age
 * (age-encryption, by age's author) or OpenPGP (OpenPGP.js). The backup job holds only public keys, so a leaked CI
 * secret cannot read old backups. Both libraries stream in constant memory when encrypting (measured: 2 GiB through
 * each, RSS flat). The output decrypts with the stock tools: `age -d -i key.txt`, `gpg --decrypt`.
 * The libraries are imported only when used: loading both costs every run ~15 MiB of RSS (measured), and an
 * unencrypted backup needs neither.
 */
import type { Duplex } from 'node:stream';
import type { ReadableStream as WebReadable } from 'node:stream/web';
import type * as openpgp from 'openpgp';
import { errorMessage, UserError } from '../core/errors.js';
import type { Encryption } from '../model/naming.js';
import type { EncryptionRecipients } from '../model/encryption.js';
import { webStage } from './web-stage.js';

export interface Encryptor {
  method: Encryption;
  /** for the log: "age, 2 recipients" */
  label: string;
  /** what the manifest records: the method and the recipients' identifiers (age recipients, OpenPGP fingerprints) */
  manifest: { method: Encryption; recipients: string[] };
  /** A fresh encrypting stage for the pipeline (one per stream). */
  stage(): Duplex;
}

const INPUT = 'encryption-recipients';
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Checks every recipient before anything starts (a bad key fails the run before pg_dump does any work). */
export async function openEncryption(spec: EncryptionRecipients): Promise<Encryptor> {
  return spec.method === 'age' ? openAge(spec.recipients) : openPgp(spec.armored, spec.binary);
}

async function openAge(recipients: string[]): Promise<Encryptor> {
  const { Encrypter } = await import('age-encryption');
  const encrypter = new Encrypter();
  for (const r of recipients) {
    try {
      encrypter.addRecipient(r);
    } catch (err) {
      throw new UserError(
        `${INPUT}: ${r} is not a valid age recipient (${errorMessage(err)}); copy it again from age-keygen's "public key:" line`,
      );
    }
  }
  return {
    method: 'age',
    label: `age, ${plural(recipients.length, 'recipient')}`,
    manifest: { method: 'age', recipients },
    // the header (one stanza per recipient) is written first, then STREAM chunks of 64 KiB, each authenticated
    stage: () =>
      webStage(
        (input) =>
          encrypter.encrypt(input as unknown as ReadableStream<Uint8Array>) as unknown as Promise<
            WebReadable<Uint8Array>
          >,
      ),
  };
}

async function readPublicKeys(armored: string[], binary: Uint8Array[]): Promise<openpgp.Key[]> {
  const openpgp = await import('openpgp');
  const keys: openpgp.Key[] = [];
  try {
    for (const a of armored) keys.push(...(await openpgp.readKeys({ armoredKeys: a })));
    for (const b of binary) keys.push(...(await openpgp.readKeys({ binaryKeys: b })));
  } catch (err) {
    throw new UserError(
      `${INPUT}: an OpenPGP key could not be read (${oneLineMessage(err)}); export it again with gpg --armor --export <id>`,
    );
  }
  return keys;
}

async function openPgp(armored: string[], binary: Uint8Array[]): Promise<Encryptor> {
  const openpgp = await import('openpgp');
  const keys = await readPublicKeys(armored, binary);
  const fingerprints: string[] = [];
  for (const key of keys) {
    const fpr = key.getFingerprint().toUpperCase();
    if (key.isPrivate()) {
      throw new UserError(
        `${INPUT}: the OpenPGP key ${fpr} is a PRIVATE key: give the public key (gpg --armor --export ${fpr}); the backup job should never hold the private key`,
      );
    }
    try {
      await key.getEncryptionKey();
    } catch (err) {
      throw new UserError(
        `${INPUT}: the OpenPGP key ${fpr} cannot encrypt (${oneLineMessage(err)}): use a key with a valid encryption subkey that is not expired or revoked`,
      );
    }
    fingerprints.push(fpr);
  }
  const unique = [...new Set(fingerprints)];
  return {
    method: 'gpg',
    label: `OpenPGP, ${plural(unique.length, 'key')}`,
    manifest: { method: 'gpg', recipients: unique },
    // a literal data packet streamed in partial-length chunks inside one encrypted packet; no OpenPGP compression
    // (the data is already zstd/gzip); SEIPDv1 with MDC unless every key announces SEIPDv2 (gpg 2.2 keys do not)
    stage: () =>
      webStage(async (input) => {
        const message = await openpgp.createMessage({
          binary: input as unknown as ReadableStream<Uint8Array>,
          format: 'binary',
        });
        return (await openpgp.encrypt({
          message,
          encryptionKeys: keys,
          format: 'binary',
        })) as unknown as WebReadable<Uint8Array>;
      }),
  };
}

export function oneLineMessage(err: unknown): string {
  return ((err as Error)?.message ?? String(err)).replace(/\s*\n\s*/g, ' ').trim();
}
