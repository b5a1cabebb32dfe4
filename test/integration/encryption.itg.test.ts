// Client-side encryption through the bundled action and CLI, against real PostgreSQL, pg tools, Ceph RGW
// and the stock `age` and `gpg` (Debian packages): keys made by age-keygen and gpg --quick-generate-key, objects
// that the stock tools decrypt and restore, objects the stock tools encrypted that we restore, and the refusals
// (missing / wrong key, wrong passphrase, damaged ciphertext) that leave the target untouched.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { snapshotDatabase, type DbSnapshot } from '../support/db-snapshot.js';
import { awkwardDatabase } from '../support/fixtures.js';
import { capture, runAction, runCli, s3Env, type ProcResult } from '../support/run.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject as getS3Object,
  listAllKeys,
  makeS3Client,
} from '../support/s3-servers.js';

const sh = promisify(execFile);
const pg15 = () => pg(15);
const work = mkdtempSync(path.join(os.tmpdir(), 's3b-enc-itg-'));
const GNUPGHOME = path.join(work, 'gnupg');
const PASSPHRASE = 'tr0ub4dor & 3 "quotes"';

interface AgeKey {
  file: string;
  identity: string;
  recipient: string;
}
interface PgpKey {
  fpr: string;
  publicKey: string;
  privateKey: string;
  email: string;
}

async function ageKeygen(name: string): Promise<AgeKey> {
  const file = path.join(work, `${name}.txt`);
  await sh('age-keygen', ['-o', file]);
  const identity = /^AGE-SECRET-KEY-1\S+$/m.exec(readFileSync(file, 'utf8'))![0];
  const recipient = (await sh('age-keygen', ['-y', file])).stdout.trim();
  return { file, identity, recipient };
}

const gpg = (args: string[]) =>
  new Promise<{ stdout: Buffer; stderr: string }>((resolve, reject) => {
    const child = execFile(
      'gpg',
      ['--batch', '--quiet', '--homedir', GNUPGHOME, ...args],
      { encoding: 'buffer', maxBuffer: 1 << 28 },
      (err, stdout, stderr) =>
        err
          ? reject(Object.assign(err, { stderr: stderr.toString() }))
          : resolve({ stdout, stderr: stderr.toString() }),
    );
    // gpg may exit without reading its stdin: an EPIPE on closing it is no failure
    child.stdin!.on('error', () => undefined);
    child.stdin!.end();
  });

async function gpgKeygen(email: string, algo: string, passphrase: string): Promise<PgpKey> {
  await gpg([
    '--pinentry-mode',
    'loopback',
    '--passphrase',
    passphrase,
    '--quick-generate-key',
    `Backup <${email}>`,
    algo,
    'default',
    'never',
  ]);
  const publicKey = (await gpg(['--armor', '--export', email])).stdout.toString();
  const privateKey = (
    await gpg(['--pinentry-mode', 'loopback', '--passphrase', passphrase, '--armor', '--export-secret-keys', email])
  ).stdout.toString();
  const colons = (await gpg(['--with-colons', '--fingerprint', email])).stdout.toString();
  const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(colons)![1]!;
  return { fpr, publicKey, privateKey, email };
}

let bucket: string;
let source: string;
let original: DbSnapshot;
let age1: AgeKey, age2: AgeKey, ageStranger: AgeKey;
let pgpA: PgpKey, pgpB: PgpKey, pgpStranger: PgpKey;

/** Every secret of this file: the age identities, the passphrase and every line of the armored private keys. */
function secrets(): string[] {
  const lines = (armored: string) => armored.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
  return [
    age1.identity,
    age2.identity,
    ageStranger.identity,
    PASSPHRASE,
    ...[pgpA, pgpB, pgpStranger].flatMap((k) => lines(k.privateKey)),
  ];
}
function expectNoSecrets(...texts: string[]) {
  const all = texts.join('\n');
  const leaked = secrets().filter((s) => all.includes(s));
  expect(leaked, 'key material in the output').toEqual([]);
}
const shown = (r: ProcResult & { summary?: string; outputs?: Record<string, string> }) =>
  [r.stdout, r.stderr, r.summary ?? '', JSON.stringify(r.outputs ?? {})].join('\n');

const getObject = (key: string) => getS3Object(rgw(), bucket, key);
async function putObject(key: string, body: Buffer | string): Promise<void> {
  await makeS3Client(rgw()).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}
async function download(key: string): Promise<string> {
  const file = path.join(work, path.basename(key));
  writeFileSync(file, await getObject(key));
  return file;
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A pipe through the stock tools, restoring into a new PostgreSQL 15 database; returns the database. */
async function stockRestore(pipeline: string, extraEnv: Record<string, string> = {}): Promise<string> {
  const target = await pg15().createDatabase();
  await sh('bash', ['-o', 'pipefail', '-c', pipeline], {
    env: { ...process.env, GNUPGHOME, URL: pg15().url(target), ...extraEnv },
    maxBuffer: 1 << 26,
  });
  return target;
}

const s3 = () => rgw();
const actionCommon = (environment: string) => ({ bucket, endpoint: s3().endpoint, environment, name: 'enc' });
const cliCommon = (environment: string) => [
  '--bucket',
  bucket,
  '--endpoint',
  s3().endpoint,
  '--environment',
  environment,
  '--name',
  'enc',
];

beforeAll(async () => {
  await sh('mkdir', ['-m', '700', '-p', GNUPGHOME]);
  [age1, age2, ageStranger] = await Promise.all([ageKeygen('age1'), ageKeygen('age2'), ageKeygen('stranger')]);
  // gpg's defaults of this version (rsa3072) without a passphrase, and ed25519/cv25519 with one
  pgpA = await gpgKeygen('a@example.com', 'default', '');
  pgpB = await gpgKeygen('b@example.com', 'future-default', PASSPHRASE);
  pgpStranger = await gpgKeygen('stranger@example.com', 'future-default', '');
  bucket = await createBucket(rgw());
  source = await awkwardDatabase(pg15());
  original = await snapshotDatabase(pg15(), source);
}, 300_000);

afterAll(async () => {
  await sh('gpgconf', ['--homedir', GNUPGHOME, '--kill', 'gpg-agent']).catch(() => undefined);
  await emptyAndDeleteBucket(rgw(), bucket);
});

describe('age', () => {
  let key: string;

  test('action backup for one age-keygen recipient → `age -d -i key.txt | zstd -d | pg_restore` restores it; sidecar covers the stored bytes', async () => {
    const b = await runAction(
      'backup',
      { ...actionCommon('age'), 'database-url': pg15().url(source), 'encryption-recipients': age1.recipient },
      s3Env(s3()),
    );
    expect(b.code, b.stdout).toBe(0);
    key = b.outputs.key!;
    expect(key).toMatch(/^age\/enc_age_\d{8}_\d{6}\.dump\.zst\.age$/);
    expect(b.stdout).toMatch(/encrypted: age, 1 recipient/);
    expect(b.summary).toContain(`age for ${age1.recipient}`);

    const object = await getObject(key);
    expect(object.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(sha256(object)).toBe(b.outputs.sha256);
    const dir = path.dirname(await download(key));
    writeFileSync(path.join(dir, `${path.basename(key)}.sha256`), await getObject(`${key}.sha256`));
    expect((await sh('sha256sum', ['-c', `${path.basename(key)}.sha256`], { cwd: dir })).stdout).toBe(
      `${path.basename(key)}: OK\n`,
    );

    const manifestText = (await getObject(`${key}.meta`)).toString();
    capture('manifest (age)', manifestText);
    expect(JSON.parse(manifestText)).toMatchObject({
      key,
      sha256: b.outputs.sha256,
      size: object.length,
      encryption: { method: 'age', recipients: [age1.recipient] },
    });
    expectNoSecrets(shown(b), manifestText);

    const target = await stockRestore(
      `age -d -i "${age1.file}" "${path.join(dir, path.basename(key))}" | zstd -d -q | pg_restore --exit-on-error -d "$URL"`,
    );
    expect(await snapshotDatabase(pg15(), target)).toEqual(original);
  });

  test('action restore with the identity as the input, into PostgreSQL 18: decryption proven first, then restored', async () => {
    const target = await pg(18).createDatabase();
    const r = await runAction(
      'restore',
      { ...actionCommon('age'), 'database-url': pg(18).url(target), 'decryption-key': readFileSync(age1.file, 'utf8') },
      s3Env(s3()),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ key, target });
    expect(r.stdout).toMatch(/decryption verified \(age\)/);
    expect(r.stdout.indexOf('decryption verified')).toBeLessThan(r.stdout.indexOf('restoring into'));
    // the runner is told to mask the identity
    expect(r.stdout).toContain(`::add-mask::${age1.identity}`);
    expectNoSecrets(r.shown, r.stderr, r.summary, JSON.stringify(r.outputs));
    expect(await snapshotDatabase(pg(18), target)).toEqual(original);
  });

  test('CLI, two recipients from a recipients file, plain + gzip: each identity restores (one as a key file path in the environment, one via `age -d | gunzip | psql`)', async () => {
    const recipientsFile = path.join(work, 'recipients.txt');
    writeFileSync(
      recipientsFile,
      `# the backup team\n${age1.recipient}\n# disaster recovery, offline\n${age2.recipient}\n`,
    );
    const b = await runCli(
      [
        'backup',
        ...cliCommon('age2'),
        '--database-url',
        pg15().url(source),
        '--format',
        'plain',
        '--compression',
        'gzip',
        '--encryption-recipients',
        recipientsFile,
        '--json',
      ],
      s3Env(s3()),
    );
    expect(b.code, b.stderr).toBe(0);
    const out = JSON.parse(b.stdout);
    expect(out.key).toMatch(/\.sql\.gz\.age$/);
    const manifest = JSON.parse((await getObject(`${out.key}.meta`)).toString());
    expect(manifest.encryption).toEqual({ method: 'age', recipients: [age1.recipient, age2.recipient] });

    const target = await pg15().createDatabase();
    const r = await runCli(['restore', ...cliCommon('age2'), '--database-url', pg15().url(target), '--yes'], {
      ...s3Env(s3()),
      S3_BACKUP_DECRYPTION_KEY: age2.file,
    });
    expect(r.code, r.stderr).toBe(0);
    expectNoSecrets(shown(r));
    expect(await snapshotDatabase(pg15(), target)).toEqual(original);

    const file = await download(out.key);
    const viaStock = await stockRestore(
      `age -d -i "${age1.file}" "${file}" | gunzip -c | psql -X -q -v ON_ERROR_STOP=1 --dbname "$URL" >/dev/null`,
    );
    expect(await snapshotDatabase(pg15(), viaStock)).toEqual(original);

    const list = await runCli(['list', ...cliCommon('age2'), '--json'], s3Env(s3()));
    expect(JSON.parse(list.stdout).backups[0]).toMatchObject({
      key: out.key,
      encryption: 'age',
      format: 'plain',
      compression: 'gzip',
    });
  });

  test('an object encrypted by the stock `age -r` (with our key name and a sha256sum sidecar) restores with jobs 2', async () => {
    const plain = await runCli(
      ['backup', ...cliCommon('stock-age-src'), '--database-url', pg15().url(source), '--json'],
      s3Env(s3()),
    );
    expect(plain.code, plain.stderr).toBe(0);
    const srcFile = await download(JSON.parse(plain.stdout).key);
    const encFile = path.join(work, 'enc_stock-age_20250130_030000.dump.zst.age');
    await sh('age', ['-r', age1.recipient, '-r', age2.recipient, '-o', encFile, srcFile]);
    const body = readFileSync(encFile);
    const key = `stock-age/${path.basename(encFile)}`;
    await putObject(key, body);
    await putObject(`${key}.sha256`, `${sha256(body)}  ${path.basename(key)}\n`);

    const target = await pg15().createDatabase();
    const r = await runCli(
      [
        'restore',
        ...cliCommon('stock-age'),
        '--database-url',
        pg15().url(target),
        '--decryption-key',
        age2.file,
        '--jobs',
        '2',
        '--yes',
      ],
      s3Env(s3()),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(await snapshotDatabase(pg15(), target)).toEqual(original);
  });
});

describe('OpenPGP', () => {
  let key: string;

  test('action backup for a gpg --quick-generate-key key (rsa3072) → `gpg --decrypt | zstd -d | pg_restore` restores it', async () => {
    const b = await runAction(
      'backup',
      {
        ...actionCommon('pgp'),
        'database-url': pg15().url(source),
        'encryption-recipients': pgpA.publicKey,
        'latest-copy': 'true',
      },
      s3Env(s3()),
    );
    expect(b.code, b.stdout).toBe(0);
    key = b.outputs.key!;
    expect(key).toMatch(/^pgp\/enc_pgp_\d{8}_\d{6}\.dump\.zst\.gpg$/);
    const object = await getObject(key);
    expect(sha256(object)).toBe(b.outputs.sha256);
    const manifestText = (await getObject(`${key}.meta`)).toString();
    expect(JSON.parse(manifestText).encryption).toEqual({ method: 'gpg', recipients: [pgpA.fpr] });
    expect(manifestText).not.toContain('PGP');
    expectNoSecrets(shown(b), manifestText);
    expect(await listAllKeys(s3(), bucket, 'pgp/')).toEqual(
      expect.arrayContaining(['pgp/latest-backup.dump.zst.gpg', 'pgp/latest-backup.dump.zst.gpg.sha256']),
    );

    const file = await download(key);
    const target = await stockRestore(
      `gpg --batch --quiet --decrypt "${file}" | zstd -d -q | pg_restore --exit-on-error -d "$URL"`,
    );
    expect(await snapshotDatabase(pg15(), target)).toEqual(original);
  });

  test('action restore with the armored private key as the input', async () => {
    const target = await pg15().createDatabase();
    const r = await runAction(
      'restore',
      { ...actionCommon('pgp'), 'database-url': pg15().url(target), 'decryption-key': pgpA.privateKey },
      s3Env(s3()),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/decryption verified \(OpenPGP\)/);
    expectNoSecrets(r.shown, r.stderr, r.summary, JSON.stringify(r.outputs));
    expect(await snapshotDatabase(pg15(), target)).toEqual(original);
  });

  test('CLI, two recipients (rsa3072 and ed25519/cv25519): the passphrase-protected key restores with decryption-passphrase, the other with gpg', async () => {
    const b = await runCli(
      [
        'backup',
        ...cliCommon('pgp2'),
        '--database-url',
        pg15().url(source),
        '--encryption-recipients',
        `${pgpA.publicKey}\n${pgpB.publicKey}`,
        '--json',
      ],
      s3Env(s3()),
    );
    expect(b.code, b.stderr).toBe(0);
    const out = JSON.parse(b.stdout);
    expect(JSON.parse((await getObject(`${out.key}.meta`)).toString()).encryption).toEqual({
      method: 'gpg',
      recipients: [pgpA.fpr, pgpB.fpr],
    });

    const target = await pg15().createDatabase();
    const keyFile = path.join(work, 'b-secret.asc');
    writeFileSync(keyFile, pgpB.privateKey);
    const r = await runCli(
      [
        'restore',
        ...cliCommon('pgp2'),
        '--database-url',
        pg15().url(target),
        '--decryption-key',
        keyFile,
        '--yes',
        '--json',
      ],
      { ...s3Env(s3()), S3_BACKUP_DECRYPTION_PASSPHRASE: PASSPHRASE },
    );
    expect(r.code, r.stderr).toBe(0);
    expectNoSecrets(shown(r));
    expect(await snapshotDatabase(pg15(), target)).toEqual(original);

    const file = await download(out.key);
    // the stock gpg holds both secret keys here and decrypts with whichever it tries first
    const viaStock = await stockRestore(
      `gpg --batch --quiet --pinentry-mode loopback --passphrase "$PP" --decrypt "${file}" | zstd -d -q | pg_restore --exit-on-error -d "$URL"`,
      { PP: PASSPHRASE },
    );
    expect(await snapshotDatabase(pg15(), viaStock)).toEqual(original);
  });

  test('an object encrypted by the stock `gpg --encrypt` (compressed by gpg, our key name and sidecar) restores', async () => {
    const plain = await runCli(
      ['backup', ...cliCommon('stock-gpg-src'), '--database-url', pg15().url(source), '--json'],
      s3Env(s3()),
    );
    expect(plain.code, plain.stderr).toBe(0);
    const srcFile = await download(JSON.parse(plain.stdout).key);
    const body = (await gpg(['--trust-model', 'always', '--encrypt', '-r', pgpB.email, '--output', '-', srcFile]))
      .stdout;
    const key = 'stock-gpg/enc_stock-gpg_20250130_030000.dump.zst.gpg';
    await putObject(key, body);
    await putObject(`${key}.sha256`, `${sha256(body)}  ${path.basename(key)}\n`);
    const target = await pg15().createDatabase();
    const r = await runCli(['restore', ...cliCommon('stock-gpg'), '--database-url', pg15().url(target), '--yes'], {
      ...s3Env(s3()),
      S3_BACKUP_DECRYPTION_KEY: pgpB.privateKey,
      S3_BACKUP_DECRYPTION_PASSPHRASE: PASSPHRASE,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(await snapshotDatabase(pg15(), target)).toEqual(original);
  });
});

describe('verify and validate take the same decryption inputs', () => {
  test('verify (CLI) of the age backup: the decryption is proven, then every byte is decoded; without the key: one line', async () => {
    const ok = await runCli(['verify', ...cliCommon('age'), '--decryption-key', age1.file, '--json'], s3Env(s3()));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/decryption verified \(age\)/);
    expect(JSON.parse(ok.stdout).key).toMatch(/\.dump\.zst\.age$/);
    expectNoSecrets(shown(ok));
    const plain = await runCli(['verify', ...cliCommon('age2'), '--decryption-key', age2.file], s3Env(s3()));
    expect(plain.code, plain.stderr).toBe(0);
    const missing = await runCli(['verify', ...cliCommon('age')], s3Env(s3()));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n').at(-1)).toMatch(
      /^s3-backup: error: --decryption-key \(or S3_BACKUP_DECRYPTION_KEY\) is empty: age\/\S+\.age is age-encrypted \(encrypted for age1\w+\); set --decryption-key \(or S3_BACKUP_DECRYPTION_KEY\) to the matching identity/,
    );
  });

  test('validate (action) of the OpenPGP backup with a passphrase-protected key: restored into a scratch database and compared', async () => {
    const r = await runAction(
      'validate',
      {
        ...actionCommon('pgp2'),
        'database-url': pg(18).url('postgres'),
        'decryption-key': pgpB.privateKey,
        'decryption-passphrase': PASSPHRASE,
      },
      s3Env(s3()),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'passed', mismatches: '0' });
    expect(r.stdout).toMatch(/decryption verified \(OpenPGP\)/);
    expectNoSecrets(r.shown, r.stderr, r.summary, JSON.stringify(r.outputs));
  });
});

describe('refusals: one line, target untouched', () => {
  let target: string;
  let ageKey: string;
  let pgpKey: string;

  beforeAll(async () => {
    const a = await runCli(
      [
        'backup',
        ...cliCommon('refuse-age'),
        '--database-url',
        pg15().url(source),
        '--encryption-recipients',
        age1.recipient,
        '--json',
      ],
      s3Env(s3()),
    );
    const p = await runCli(
      [
        'backup',
        ...cliCommon('refuse-pgp'),
        '--database-url',
        pg15().url(source),
        '--encryption-recipients',
        pgpB.publicKey,
        '--json',
      ],
      s3Env(s3()),
    );
    expect(a.code, a.stderr).toBe(0);
    expect(p.code, p.stderr).toBe(0);
    ageKey = JSON.parse(a.stdout).key;
    pgpKey = JSON.parse(p.stdout).key;
    // a target holding data; clean is set, so only the refusals stand between it and the restore
    target = await pg15().createDatabase();
    await pg15().exec(
      target,
      `CREATE TABLE precious (id int PRIMARY KEY, note text); INSERT INTO precious VALUES (1, 'keep me');`,
    );
  });

  async function expectRefused(environment: string, args: string[], env: Record<string, string>, message: RegExp) {
    const before = await snapshotDatabase(pg15(), target);
    const r = await runCli(
      ['restore', ...cliCommon(environment), '--database-url', pg15().url(target), '--clean', '--yes', ...args],
      { ...s3Env(s3()), ...env },
    );
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expectNoSecrets(shown(r));
    expect(await snapshotDatabase(pg15(), target)).toEqual(before);
    return r;
  }

  test('age: no decryption-key → refused before the download, naming the recipients', async () => {
    const r = await expectRefused(
      'refuse-age',
      [],
      {},
      new RegExp(
        `^s3-backup: error: --decryption-key \\(or S3_BACKUP_DECRYPTION_KEY\\) is empty: ${ageKey.replace(/\./g, '\\.')} is age-encrypted \\(encrypted for ${age1.recipient}\\); set --decryption-key \\(or S3_BACKUP_DECRYPTION_KEY\\) to the matching identity`,
      ),
    );
    expect(r.stderr).not.toMatch(/downloading/);
  });

  test('age: another age-keygen identity → refused before the download (the manifest names the recipients)', async () => {
    const r = await expectRefused(
      'refuse-age',
      ['--decryption-key', ageStranger.file],
      {},
      new RegExp(
        `^s3-backup: error: --decryption-key \\(or S3_BACKUP_DECRYPTION_KEY\\) does not open \\S+: the key is for ${ageStranger.recipient} \\(encrypted for ${age1.recipient}\\)`,
      ),
    );
    expect(r.stderr).not.toMatch(/downloading/);
  });

  test('age: a wrong identity and no manifest → the header refuses it after the download', async () => {
    const copy = `refuse-age-nometa/enc_refuse-age-nometa_20250130_030000.dump.zst.age`;
    const body = await getObject(ageKey);
    await putObject(copy, body);
    await putObject(`${copy}.sha256`, `${sha256(body)}  ${path.basename(copy)}\n`);
    await expectRefused(
      'refuse-age-nometa',
      ['--decryption-key', ageStranger.file],
      {},
      new RegExp(
        `^s3-backup: error: --decryption-key \\(or S3_BACKUP_DECRYPTION_KEY\\) does not open ${copy.replace(/\./g, '\\.')}: none of its recipients is ${ageStranger.recipient}; refusing to restore \\(target untouched\\)$`,
      ),
    );
  });

  test("OpenPGP: an age identity given for a .gpg backup, and a stranger's private key", async () => {
    await expectRefused(
      'refuse-pgp',
      ['--decryption-key', age1.file],
      {},
      /^s3-backup: error: --decryption-key \(or S3_BACKUP_DECRYPTION_KEY\) holds no OpenPGP private key: \S+\.gpg is OpenPGP-encrypted \(encrypted for [0-9A-F]{40}\)/,
    );
    await expectRefused(
      'refuse-pgp',
      [],
      { S3_BACKUP_DECRYPTION_KEY: pgpStranger.privateKey },
      new RegExp(
        `^s3-backup: error: --decryption-key \\(or S3_BACKUP_DECRYPTION_KEY\\) does not open \\S+: the key is ${pgpStranger.fpr} \\(encrypted for ${pgpB.fpr}\\)`,
      ),
    );
  });

  test('OpenPGP: a wrong passphrase, and none', async () => {
    await expectRefused(
      'refuse-pgp',
      [],
      { S3_BACKUP_DECRYPTION_KEY: pgpB.privateKey, S3_BACKUP_DECRYPTION_PASSPHRASE: 'not it' },
      new RegExp(
        `^s3-backup: error: decryption-passphrase does not unlock the OpenPGP key ${pgpB.fpr} \\(Error decrypting private key: Incorrect key passphrase\\)$`,
      ),
    );
    await expectRefused(
      'refuse-pgp',
      [],
      { S3_BACKUP_DECRYPTION_KEY: pgpB.privateKey },
      /^s3-backup: error: decryption-passphrase is empty but the OpenPGP key [0-9A-F]{40} is protected by a passphrase/,
    );
  });

  test('damaged age ciphertext with a matching sidecar: the decryption proof refuses it, nothing reaches the target', async () => {
    const body = Buffer.from(await getObject(ageKey));
    body[Math.floor(body.length * 0.6)]! ^= 0x01;
    await putObject(ageKey, body);
    await putObject(`${ageKey}.sha256`, `${sha256(body)}  ${path.basename(ageKey)}\n`);
    await expectRefused(
      'refuse-age',
      ['--decryption-key', age1.file],
      {},
      new RegExp(
        `^s3-backup: error: ${ageKey.replace(/\./g, '\\.')}: the age ciphertext is damaged or truncated \\(invalid tag\\); refusing to restore \\(target untouched\\)$`,
      ),
    );
  });

  test('truncated OpenPGP ciphertext with a matching sidecar, through the action: one ::error:: line', async () => {
    const whole = await getObject(pgpKey);
    const body = whole.subarray(0, whole.length - 1000);
    await putObject(pgpKey, body);
    await putObject(`${pgpKey}.sha256`, `${sha256(body)}  ${path.basename(pgpKey)}\n`);
    const before = await snapshotDatabase(pg15(), target);
    const r = await runAction(
      'restore',
      {
        ...actionCommon('refuse-pgp'),
        'database-url': pg15().url(target),
        clean: 'true',
        'decryption-key': pgpB.privateKey,
        'decryption-passphrase': PASSPHRASE,
      },
      s3Env(s3()),
    );
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::${pgpKey.replace(/\./g, '\\.')}: the OpenPGP ciphertext is damaged or truncated \\(.+\\); refusing to restore \\(target untouched\\)$`,
        ),
      ),
    ]);
    expectNoSecrets(r.shown, r.stderr, r.summary);
    expect(await snapshotDatabase(pg15(), target)).toEqual(before);
  });

  test('backup refuses a private key as a recipient before dumping: nothing is written', async () => {
    const r = await runCli(
      [
        'backup',
        ...cliCommon('refuse-priv'),
        '--database-url',
        pg15().url(source),
        '--encryption-recipients',
        pgpA.privateKey,
      ],
      s3Env(s3()),
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      's3-backup: error: encryption-recipients: holds an OpenPGP PRIVATE key block: give the public key instead (gpg --armor --export <id>); the backup job should never hold the private key',
    );
    expectNoSecrets(shown(r));
    expect(await listAllKeys(s3(), bucket, 'refuse-priv/')).toEqual([]);
  });
});
