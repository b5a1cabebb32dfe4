// The product's own encryption and decryption stages (src/encryption) over N MiB, outside any backup: RSS sampled
// every 250 ms, to show that memory does not grow with the size. TypeScript, so bundle it first:
//   npx ncc build bench/encryption-stream.ts -o /tmp/enc-stream -q -t
//   node /tmp/enc-stream/index.js age 2048 /tmp/big.age     # encrypt 2 GiB, then prove (authenticate) it
//   node /tmp/enc-stream/index.js gpg 2048 /tmp/big.gpg
import { randomBytes } from 'node:crypto';
import { createWriteStream, statSync, unlinkSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import * as openpgp from 'openpgp';
import { openDecryption } from '../src/encryption/decrypt.js';
import { openEncryption } from '../src/encryption/encrypt.js';
import { parseDecryptionKey, parseRecipients } from '../src/options/encryption-keys.js';

const [method, sizeText, file] = process.argv.slice(2) as ['age' | 'gpg', string, string];
const MiB = 2 ** 20;
const size = Number(sizeText) * MiB;

function watch(label: string): () => void {
  const samples: number[] = [];
  const t0 = performance.now();
  const timer = setInterval(() => samples.push(Math.round(process.memoryUsage.rss() / MiB)), 250);
  return () => {
    clearInterval(timer);
    const s = (performance.now() - t0) / 1000;
    const q = (i: number) => Math.max(...samples.slice((i * samples.length) >> 2, ((i + 1) * samples.length) >> 2));
    console.log(
      `${method} ${label}: ${(size / MiB).toFixed(0)} MiB in ${s.toFixed(1)} s (${(size / MiB / s).toFixed(0)} MiB/s); ` +
        `RSS max per quarter of the run: ${[0, 1, 2, 3].map(q).join(' / ')} MiB; process peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
  };
}

let recipients: string;
let secret: string;
if (method === 'age') {
  secret = await generateIdentity();
  recipients = await identityToRecipient(secret);
} else {
  const k = await openpgp.generateKey({ userIDs: [{ name: 'bench' }], type: 'rsa', rsaBits: 3072, format: 'armored' });
  [recipients, secret] = [k.publicKey, k.privateKey];
}

// a fresh 64 KiB buffer per chunk, as a pipe from zstd delivers them
const block = randomBytes(MiB);
let sent = 0;
const source = new Readable({
  read() {
    if (sent >= size) return void this.push(null);
    for (let i = 0; i < 16; i++) this.push(Buffer.from(block.subarray(i * 65536, (i + 1) * 65536)));
    sent += MiB;
  },
});
const enc = await openEncryption(parseRecipients('encryption-recipients', recipients)!);
let done = watch('encrypt');
await pipeline(source, enc.stage(), createWriteStream(file));
done();
const dec = await openDecryption(
  { decryption: parseDecryptionKey('decryption-key', secret) },
  { entry: { key: file, encryption: method } },
);
done = watch(`authenticate (${(statSync(file).size / MiB).toFixed(0)} MiB of ciphertext)`);
const { plaintextBytes } = await dec!.authenticate(file);
done();
if (plaintextBytes !== size) throw new Error(`decrypted ${plaintextBytes} bytes, expected ${size}`);
unlinkSync(file);
