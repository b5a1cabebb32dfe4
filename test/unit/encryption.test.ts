// Client-side encryption: the forms encryption-recipients and decryption-key accept, and the stages'
// round trip and refusals in-process (interop with the stock age and gpg is proven in test/integration/encryption).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, test } from 'vitest';
import { openDecryption } from '../../src/encryption/decrypt.js';
import { openEncryption } from '../../src/encryption/encrypt.js';
import { parseDecryptionKey, parseRecipients } from '../../src/options/encryption-keys.js';
import { errorMessage, UserError } from '../../src/core/errors.js';
import { redact } from '../../src/core/redact.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 's3b-enc-unit-'));
let ageId: string;
let ageRcp: string;
let ageId2: string;
let ageRcp2: string;
let pgp: { publicKey: string; privateKey: string; fpr: string };
let pgpLocked: { publicKey: string; privateKey: string; fpr: string };

async function pgpKey(passphrase?: string) {
  const k = await openpgp.generateKey({
    userIDs: [{ name: 'Unit', email: 'unit@example.com' }],
    type: 'ecc',
    passphrase,
    format: 'armored',
  });
  const fpr = (await openpgp.readKey({ armoredKey: k.publicKey })).getFingerprint().toUpperCase();
  return { publicKey: k.publicKey, privateKey: k.privateKey, fpr };
}

beforeAll(async () => {
  ageId = await generateIdentity();
  ageRcp = await identityToRecipient(ageId);
  ageId2 = await generateIdentity();
  ageRcp2 = await identityToRecipient(ageId2);
  pgp = await pgpKey();
  pgpLocked = await pgpKey('correct horse');
});

const file = (name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('encryption-recipients: detection by form', () => {
  test.each([
    [1, () => `${ageRcp}`, { method: 'age', n: 1 }],
    [2, () => `${ageRcp}\n${ageRcp2}`, { method: 'age', n: 2 }],
    [3, () => `${ageRcp}, ${ageRcp2}, ${ageRcp}`, { method: 'age', n: 2 }],
    [4, () => `# created: 2025-01-30\n# public key: x\n${ageRcp}\n`, { method: 'age', n: 1 }],
    [5, () => file('recipients.txt', `# team\n${ageRcp}\n${ageRcp2}\n`), { method: 'age', n: 2 }],
    [6, () => pgp.publicKey, { method: 'gpg', n: 1 }],
    [7, () => `${pgp.publicKey}\n${pgpLocked.publicKey}`, { method: 'gpg', n: 2 }],
    [8, () => file('pub.asc', pgp.publicKey), { method: 'gpg', n: 1 }],
  ])('%i: accepted', (_n, value, want) => {
    const r = parseRecipients('encryption-recipients', value())!;
    expect(r.method).toBe(want.method);
    expect(r.method === 'age' ? r.recipients.length : r.armored.length + r.binary.length).toBe(want.n);
  });

  test('empty: no encryption', () => {
    expect(parseRecipients('encryption-recipients', '  \n')).toBeUndefined();
  });

  test.each([
    [1, () => `${ageRcp}\n${pgp.publicKey}`, /mixes age recipients and OpenPGP keys/],
    [
      2,
      () => ageId,
      /holds an age identity \(AGE-SECRET-KEY-…\), which is the secret half: give its recipient instead \(age-keygen -y key\.txt/,
    ],
    [3, () => pgp.privateKey, /holds an OpenPGP PRIVATE key block: give the public key instead/],
    [4, () => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk me@host', /SSH keys are not supported/],
    [
      5,
      () => 'age1notreally some-file-that-does-not-exist',
      /^encryption-recipients: 1 entry is neither an age recipient/,
    ],
    [6, () => pgp.publicKey.split('\n').slice(0, 8).join('\n'), /armor block without its END line/],
  ])('%i: refused with one line', (_n, value, message) => {
    const v = value();
    let err: unknown;
    try {
      parseRecipients('encryption-recipients', v);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect(errorMessage(err)).toMatch(message);
    expect(errorMessage(err)).not.toContain('\n');
    // a secret given by mistake is never echoed, and is redacted from then on
    if (v.includes('AGE-SECRET-KEY')) expect(redact(`x ${ageId} y`)).toBe('x *** y');
  });
});

test('an age recipient with a bad checksum is refused before the backup starts', async () => {
  const bad = ageRcp.slice(0, -1) + (ageRcp.endsWith('q') ? 'p' : 'q');
  await expect(openEncryption(parseRecipients('encryption-recipients', bad)!)).rejects.toThrow(
    /^encryption-recipients: age1\w+ is not a valid age recipient/,
  );
});

describe('decryption-key: detection by form', () => {
  test.each([
    [1, () => ageId, { age: 1, armored: 0 }],
    [2, () => `# created: 2025\n# public key: ${ageRcp}\n${ageId}\n${ageId2}\n`, { age: 2, armored: 0 }],
    [3, () => file('key.txt', `# public key: ${ageRcp}\n${ageId}\n`), { age: 1, armored: 0 }],
    [4, () => pgp.privateKey, { age: 0, armored: 1 }],
    [5, () => `${ageId}\n${pgp.privateKey}`, { age: 1, armored: 1 }],
  ])('%i: accepted, and registered as a secret', (_n, value, want) => {
    const k = parseDecryptionKey('decryption-key', value())!;
    expect({ age: k.age.length, armored: k.armored.length }).toEqual(want);
    if (want.age) expect(redact(`id ${ageId} end`)).toBe('id *** end');
    if (want.armored) expect(redact(pgp.privateKey.split('\n')[3]!)).toBe('***');
  });

  test.each([
    [1, () => ageRcp, /holds an age recipient \(age1…\), the public half/],
    [2, () => pgp.publicKey, /holds an OpenPGP PUBLIC key: give the private key/],
    [3, () => 'hunter2-not-a-key', /is neither an age identity/],
  ])('%i: refused with one line', (_n, value, message) => {
    expect(() => parseDecryptionKey('decryption-key', value())).toThrow(message);
  });

  test('a passphrase without a key', () => {
    expect(() => parseDecryptionKey('decryption-key', '', 'pw')).toThrow(
      /^decryption-passphrase is set but decryption-key is empty/,
    );
  });
});

async function encrypt(
  recipients: string,
  data: Buffer,
): Promise<{ ciphertext: Buffer; manifest: { method: string; recipients: string[] } }> {
  const enc = await openEncryption(parseRecipients('encryption-recipients', recipients)!);
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
    enc.stage(),
    new Writable({
      write(c, _e, cb) {
        chunks.push(c);
        cb();
      },
    }),
  );
  return { ciphertext: Buffer.concat(chunks), manifest: enc.manifest };
}

async function decrypt(
  key: string,
  ciphertext: Buffer,
  ext: 'age' | 'gpg',
  o: { manifest?: object; passphrase?: string } = {},
) {
  const backup = {
    entry: { key: `p/db_prod_20250101_000000.dump.zst.${ext}`, encryption: ext },
    manifest: o.manifest as never,
  };
  const d = await openDecryption({ decryption: parseDecryptionKey('decryption-key', key, o.passphrase) }, backup);
  const f = file(`ct-${Math.random()}.${ext}`, ciphertext);
  const { plaintextBytes } = await d!.authenticate(f);
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from([ciphertext]),
    d!.stage(),
    new Writable({
      write(c, _e, cb) {
        chunks.push(c);
        cb();
      },
    }),
  );
  return { plaintextBytes, plaintext: Buffer.concat(chunks) };
}

const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251));

describe('round trip in-process', () => {
  test('age, two recipients: either identity decrypts; the manifest lists both recipients', async () => {
    const { ciphertext, manifest } = await encrypt(`${ageRcp}\n${ageRcp2}`, data);
    expect(ciphertext.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(manifest).toEqual({ method: 'age', recipients: [ageRcp, ageRcp2] });
    for (const id of [ageId, ageId2]) {
      const out = await decrypt(id, ciphertext, 'age', { manifest: { encryption: manifest } });
      expect(out.plaintextBytes).toBe(data.length);
      expect(out.plaintext.equals(data)).toBe(true);
    }
  });

  test('OpenPGP, passphrase-protected key: the manifest records fingerprints, never key material', async () => {
    const { ciphertext, manifest } = await encrypt(`${pgp.publicKey}\n${pgpLocked.publicKey}`, data);
    expect(manifest).toEqual({ method: 'gpg', recipients: [pgp.fpr, pgpLocked.fpr] });
    const out = await decrypt(pgpLocked.privateKey, ciphertext, 'gpg', {
      passphrase: 'correct horse',
      manifest: { encryption: manifest },
    });
    expect(out.plaintext.equals(data)).toBe(true);
    expect((await decrypt(pgp.privateKey, ciphertext, 'gpg')).plaintext.equals(data)).toBe(true);
  });
});

describe('refusals, each one line', () => {
  const key = 'p/db_prod_20250101_000000.dump.zst';
  test.each([
    [
      1,
      'age',
      () => undefined,
      {},
      new RegExp(
        `^decryption-key is empty: ${key}\\.age is age-encrypted; set decryption-key to the matching identity`,
      ),
    ],
    [
      2,
      'gpg',
      () => ageId,
      {},
      new RegExp(`^decryption-key holds no OpenPGP private key: ${key}\\.gpg is OpenPGP-encrypted`),
    ],
    [
      3,
      'age',
      () => ageId2,
      { encryption: { method: 'age', recipients: ['RCP'] } },
      /^decryption-key does not open .*: the key is for age1\w+ \(encrypted for RCP\); use the identity of one of those recipients$/,
    ],
    [
      4,
      'gpg',
      () => pgpLocked.privateKey,
      {},
      /^decryption-passphrase is empty but the OpenPGP key [0-9A-F]{40} is protected by a passphrase/,
    ],
  ])('%i: before any download', async (_n, ext, key, manifest, message) => {
    const k = key();
    const keys = k ? parseDecryptionKey('decryption-key', k) : undefined;
    const backup = {
      entry: {
        key: `${key === undefined ? '' : ''}p/db_prod_20250101_000000.dump.zst.${ext}`,
        encryption: ext as 'age',
      },
      manifest: manifest as never,
    };
    await expect(openDecryption({ decryption: keys }, backup)).rejects.toThrow(message);
  });

  test('a wrong passphrase', async () => {
    const keys = parseDecryptionKey('decryption-key', pgpLocked.privateKey, 'wrong')!;
    await expect(openDecryption({ decryption: keys }, { entry: { key: 'k.gpg', encryption: 'gpg' } })).rejects.toThrow(
      /^decryption-passphrase does not unlock the OpenPGP key [0-9A-F]{40} \(Error decrypting private key: Incorrect key passphrase\)$/,
    );
  });

  test.each([
    [1, 'age', 'wrong key', /^decryption-key does not open k\.age: none of its recipients is age1\w+$/],
    [2, 'gpg', 'wrong key', /^decryption-key does not open k\.gpg: none of its recipients is [0-9A-F]{40}$/],
    [3, 'age', 'flipped byte', /^k\.age: the age ciphertext is damaged or truncated \(invalid tag\)$/],
    [4, 'gpg', 'flipped byte', /^k\.gpg: the OpenPGP ciphertext is damaged or truncated \(Modification detected\.\)$/],
    [5, 'age', 'truncated', /^k\.age: the age ciphertext is damaged or truncated/],
    [6, 'gpg', 'truncated', /^k\.gpg: the OpenPGP ciphertext is damaged or truncated/],
  ])('%i: %s, %s: authenticate() refuses', async (_n, ext, damage, message) => {
    const { ciphertext } = await encrypt(ext === 'age' ? ageRcp : pgp.publicKey, data);
    let ct = ciphertext;
    if (damage === 'flipped byte') {
      ct = Buffer.from(ciphertext);
      ct[Math.floor(ct.length / 2)]! ^= 1;
    } else if (damage === 'truncated') ct = ciphertext.subarray(0, ciphertext.length - 100);
    const other =
      damage === 'wrong key'
        ? ext === 'age'
          ? ageId2
          : (await pgpKey()).privateKey
        : ext === 'age'
          ? ageId
          : pgp.privateKey;
    const d = await openDecryption(
      { decryption: parseDecryptionKey('decryption-key', other) },
      { entry: { key: `k.${ext}`, encryption: ext as 'age' } },
    );
    const err = await d!.authenticate(file(`bad-${_n}`, ct)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(errorMessage(err)).toMatch(message);
  });
});

describe('teardown: a failing neighbour fails the stream, nothing hangs, nothing is left unhandled', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
    return () => process.off('unhandledRejection', onUnhandled);
  });
  const big = Buffer.alloc(3 << 20, 7);
  const failingSink = () => {
    let n = 0;
    return new Writable({
      write(_c, _e, cb) {
        cb(++n > 3 ? new Error('upload failed: SlowDown') : null);
      },
    });
  };
  const slices = (b: Buffer) =>
    Readable.from(
      Array.from({ length: Math.ceil(b.length / 65536) }, (_, i) => b.subarray(i * 65536, (i + 1) * 65536)),
    );

  test.each(['age', 'gpg'] as const)(
    '%s: the sink fails while encrypting (an S3 error) → that error',
    async (method) => {
      const enc = await openEncryption(
        parseRecipients('encryption-recipients', method === 'age' ? ageRcp : pgp.publicKey)!,
      );
      await expect(pipeline(slices(big), enc.stage(), failingSink())).rejects.toThrow('upload failed: SlowDown');
    },
  );

  test.each(['age', 'gpg'] as const)(
    '%s: the consumer fails while decrypting (pg_restore exits) → that error',
    async (method) => {
      const { ciphertext } = await encrypt(method === 'age' ? ageRcp : pgp.publicKey, big);
      const d = await openDecryption(
        { decryption: parseDecryptionKey('decryption-key', method === 'age' ? ageId : pgp.privateKey) },
        { entry: { key: `k.${method}`, encryption: method } },
      );
      await expect(pipeline(slices(ciphertext), d!.stage(), failingSink())).rejects.toThrow('upload failed: SlowDown');
    },
  );

  test('the source fails → that error', async () => {
    const enc = await openEncryption(parseRecipients('encryption-recipients', ageRcp)!);
    const source = new Readable({
      read() {
        this.destroy(new Error('pg_dump: connection lost'));
      },
    });
    await expect(
      pipeline(
        source,
        enc.stage(),
        new Writable({
          write(_c, _e, cb) {
            cb();
          },
        }),
      ),
    ).rejects.toThrow('pg_dump: connection lost');
  });

  test('no unhandled rejections', async () => {
    await new Promise((r) => setTimeout(r, 200));
    expect(unhandled).toEqual([]);
  });
});
