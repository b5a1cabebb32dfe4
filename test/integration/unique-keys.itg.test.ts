// Never an overwrite: backups of one database that start in the same second each get a key of their own (the plain
// key, then _2, _3 …), claimed with a small object under <prefix>/.claims/ that is gone when the run ends. The same
// second is made by construction: the runs share one fixed clock (the run context's `now`). If-None-Match: * guards
// the writes where the server honours it, and is dropped where the server refuses it.
import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backup } from '../../src/backup/database.js';
import type { BackupResult } from '../../src/model/results.js';
import { runContext } from '../../src/hosts/runner.js';
import { backupKey, claimObjectKey, isClaimKey, parseBackupKey } from '../../src/core/naming.js';
import { parseBackupOptions } from '../../src/options/parse.js';
import { parsePruneOptions } from '../../src/options/maintenance.js';
import { prune } from '../../src/retention/prune.js';
import { CLAIM_STALE_MS, claimedKey } from '../../src/core/stale-claims.js';
import { lockTable } from '../support/locks.js';
import { createS3Client } from '../../src/s3/client.js';
import { pg, rgw, s3Servers } from '../support/context.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { capture, runCli, s3Env } from '../support/run.js';
import {
  createBucket,
  emptyAndDeleteBucket,
  getObject,
  listAllKeys,
  listMultipartUploads,
  makeS3Client,
  type S3Descriptor,
} from '../support/s3-servers.js';

const quiet = { info: (m: string) => capture('log', m), warning: (m: string) => capture('warning', m) };

/** A test hook in front of the product's S3 requests (initialize step: the command's input, before anything else). */
type Middleware = <A extends { input: object }, R>(
  next: (args: A) => Promise<R>,
  context: { commandName?: string },
) => (args: A) => Promise<R>;

/** The product's own client, with the server's credentials and, optionally, a test middleware in front. */
function clientFactory(server: S3Descriptor, middleware?: Middleware) {
  return (o: Parameters<typeof createS3Client>[0]): S3Client => {
    const client = createS3Client(o);
    client.config.credentials = async () => ({
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
    });
    if (middleware)
      client.middlewareStack.add((next, context) => middleware(next, context), {
        step: 'initialize',
        name: 'testHook',
      });
    return client;
  };
}

/** One backup in this process, at the clock's time. */
function runBackup(
  server: S3Descriptor,
  bucket: string,
  db: string,
  o: { now: Date; environment: string; endpoint?: string; log?: string[]; middleware?: Middleware },
) {
  const env = s3Env(server);
  const options = parseBackupOptions(
    (name) =>
      ({
        'database-url': pg(15).url(db),
        bucket,
        endpoint: o.endpoint ?? server.endpoint,
        environment: o.environment,
        name: 'shop',
      })[name],
    env,
  );
  const log = {
    info: (m: string) => {
      o.log?.push(m);
      quiet.info(m);
    },
    warning: (m: string) => {
      o.log?.push(`warning: ${m}`);
      quiet.warning(m);
    },
  };
  const ctx = runContext(log, new AbortController().signal, {
    now: () => o.now,
    env: { ...process.env, ...env },
    s3Client: clientFactory(server, o.middleware),
  });
  return backup(options, ctx);
}

/**
 * Holds the answers to the first `n` claim PUTs until all `n` claims are stored: every one of those runs then lists
 * all `n` claims, so all of them step aside from that key (the contested path, by construction).
 */
function claimBarrier(n: number): Middleware {
  let stored = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return (next, context) => async (args) => {
    const contested =
      context.commandName === 'PutObjectCommand' &&
      isClaimKey((args.input as { Key?: string }).Key ?? '') &&
      stored < n;
    const out = await next(args);
    if (contested) {
      if (++stored === n) open();
      await opened;
    }
    return out;
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let db: string;
const buckets: Array<[S3Descriptor, string]> = [];
async function bucketOn(server: S3Descriptor) {
  const bucket = await createBucket(server);
  buckets.push([server, bucket]);
  return bucket;
}
beforeAll(async () => {
  db = await pg(15).createDatabase();
  await pg(15).exec(
    db,
    `CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 2000) g;`,
  );
});
afterAll(async () => {
  for (const [server, bucket] of buckets) await emptyAndDeleteBucket(server, bucket);
});

/** A whole second: keys carry whole seconds, and every run of a test shares it. */
const thisSecond = () => new Date(Math.floor(Date.now() / 1000) * 1000);

describe.each(s3Servers())('on $kind', (server) => {
  test('4 backups of one database in the same second, all claiming the plain key at once: 4 keys, each complete and verifiable', async () => {
    const bucket = await bucketOn(server);
    const now = thisSecond();
    const plain = backupKey({
      prefix: 'same',
      name: 'shop',
      environment: 'same',
      at: now,
      format: 'custom',
      compression: 'zstd',
    });
    const barrier = claimBarrier(4);
    const logs: string[][] = [[], [], [], []];
    const results: BackupResult[] = await Promise.all(
      logs.map((log) => runBackup(server, bucket, db, { now, environment: 'same', log, middleware: barrier })),
    );

    const keys = results.map((r) => r.key);
    expect(new Set(keys).size).toBe(4);
    // all four saw each other's claim on the plain key and stepped aside; each then took a key of its own
    expect(keys).not.toContain(plain);
    for (const [i, r] of results.entries()) {
      const parsed = parseBackupKey(r.key)!;
      expect(parsed).toMatchObject({ prefix: 'same', stem: 'shop_same', at: now });
      expect(parsed.seq).toBeGreaterThanOrEqual(2);
      expect(logs[i]).toContain(`${plain} is taken (another backup in the same second): this one is ${r.key}`);
    }

    // each with its own .sha256 and .meta, naming it; latest.json names one of them; no claim and no upload left
    const listed = await listAllKeys(server, bucket);
    expect(listed.sort()).toEqual(
      [...keys.flatMap((k) => [k, `${k}.sha256`, `${k}.meta`]), 'same/latest.json', 'same/latest/shop.json'].sort(),
    );
    expect(listed.filter(isClaimKey)).toEqual([]);
    expect(await listMultipartUploads(server, bucket)).toEqual([]);
    for (const r of results) {
      const object = await getObject(server, bucket, r.key);
      expect(sha256(object)).toBe(r.sha256);
      expect((await getObject(server, bucket, `${r.key}.sha256`)).toString()).toBe(
        `${r.sha256}  ${r.key.split('/')[1]}\n`,
      );
      expect(JSON.parse((await getObject(server, bucket, `${r.key}.meta`)).toString())).toMatchObject({
        key: r.key,
        sha256: r.sha256,
        size: object.length,
      });
    }
    const latest = JSON.parse((await getObject(server, bucket, 'same/latest.json')).toString());
    expect(keys).toContain(latest.key);

    // what users run: list shows all four, verify proves each, restore brings one back
    const where = ['--bucket', bucket, '--endpoint', server.endpoint, '--environment', 'same', '--name', 'shop'];
    const list = await runCli(['list', ...where, '--json'], s3Env(server));
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout).backups as Array<{ key: string }>).map((b) => b.key).sort()).toEqual(
      [...keys].sort(),
    );
    for (const key of keys) {
      const v = await runCli(['verify', ...where, '--backup', key, '--json'], s3Env(server));
      expect(v.code, v.stderr).toBe(0);
      expect(JSON.parse(v.stdout)).toMatchObject({ key });
    }
    const target = await pg(15).createDatabase();
    const restored = await runCli(
      ['restore', ...where, '--backup', keys[3]!, '--database-url', pg(15).url(target), '--yes'],
      s3Env(server),
    );
    expect(restored.code, restored.stderr).toBe(0);
    expect(await pg(15).query(target, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 2000 }]);
  });

  test('the plain key already stored, _2 claimed by a run that is still going: this backup takes _3', async () => {
    const bucket = await bucketOn(server);
    const now = thisSecond();
    const key = (seq: number) =>
      backupKey({
        prefix: 'taken',
        name: 'shop',
        environment: 'taken',
        at: now,
        format: 'custom',
        compression: 'zstd',
        seq,
      });
    const s3 = makeS3Client(server);
    const stored = Buffer.from('an earlier backup of this second');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key(1), Body: stored }));
    const othersClaim = claimObjectKey(key(2), 'another-run');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: othersClaim, Body: new Uint8Array(0) }));

    const r = await runBackup(server, bucket, db, { now, environment: 'taken' });
    expect(r.key).toBe(key(3));
    expect(await getObject(server, bucket, key(1))).toEqual(stored);
    // the other run's claim is its own to remove; this run's is gone
    expect((await listAllKeys(server, bucket)).sort()).toEqual(
      [
        key(1),
        key(3),
        `${key(3)}.sha256`,
        `${key(3)}.meta`,
        othersClaim,
        'taken/latest.json',
        'taken/latest/shop.json',
      ].sort(),
    );
  });
});

describe('If-None-Match: * on the writes', () => {
  test('Ceph honours it on PutObject: a sidecar that appeared meanwhile is not overwritten, the run fails and removes what it wrote', async () => {
    const bucket = await bucketOn(rgw());
    const now = thisSecond();
    const key = backupKey({
      prefix: 'inm',
      name: 'shop',
      environment: 'inm',
      at: now,
      format: 'custom',
      compression: 'zstd',
    });
    // the key is free (no object, no claim), but its checksum sidecar exists: as if another writer got there first
    const foreign = Buffer.from(`${'0'.repeat(64)}  ${key.split('/')[1]}\n`);
    await makeS3Client(rgw()).send(new PutObjectCommand({ Bucket: bucket, Key: `${key}.sha256`, Body: foreign }));
    await expect(runBackup(rgw(), bucket, db, { now, environment: 'inm' })).rejects.toThrow(
      new RegExp(
        `^writing s3://${bucket}/${key.replace(/\./g, '\\.')}\\.sha256 failed \\(PreconditionFailed 412\\): the object was written by another run meanwhile`,
      ),
    );
    expect(await getObject(rgw(), bucket, `${key}.sha256`)).toEqual(foreign);
    expect(await listAllKeys(rgw(), bucket)).toEqual([`${key}.sha256`]);
    expect(await listMultipartUploads(rgw(), bucket)).toEqual([]);
  });

  test('a server that refuses it as not implemented (501): the write is sent again without it, once; the backup succeeds', async () => {
    const bucket = await bucketOn(rgw());
    const proxy = await startFaultProxy(rgw().endpoint, (r) => (r.headers['if-none-match'] ? '501' : undefined));
    try {
      const log: string[] = [];
      const r = await runBackup(rgw(), bucket, db, {
        now: thisSecond(),
        environment: 'nohdr',
        endpoint: proxy.endpoint,
        log,
      });
      // the first conditional write was refused; the client asked again without the header and stopped sending it
      expect(proxy.injected.map((f) => `${f.method} ${f.url} → ${f.fault}`)).toEqual([
        expect.stringMatching(new RegExp(`^PUT /${bucket}/${r.key.replace(/\./g, '\\.')}(\\?\\S*)? → 501$`)),
      ]);
      expect((await listAllKeys(rgw(), bucket)).sort()).toEqual(
        [r.key, `${r.key}.sha256`, `${r.key}.meta`, 'nohdr/latest.json', 'nohdr/latest/shop.json'].sort(),
      );
      expect(sha256(await getObject(rgw(), bucket, r.key))).toBe(r.sha256);
      expect(log.filter((l) => l.startsWith('warning: '))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('a backup killed with SIGKILL', () => {
  test('leaves its claim behind; the next backup is not blocked by it, and prune removes it once it is stale', async () => {
    const bucket = await bucketOn(rgw());
    const held = await pg(15).createDatabase();
    await pg(15).exec(held, 'CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items VALUES (1);');
    const where = ['--bucket', bucket, '--endpoint', rgw().endpoint, '--environment', 'killed', '--name', 'shop'];
    // pg_dump waits behind this lock: the run sits mid-backup, its claim stored, until it is killed
    const lock = await lockTable(pg(15), held, 'items');
    let pid = 0;
    let left: string[] = [];
    try {
      // the database's own claim is the subject here: no globals beside it
      const run = runCli(['backup', '--database-url', pg(15).url(held), ...where, '--globals', 'false'], s3Env(rgw()), {
        onSpawn: (p) => (pid = p),
      });
      await lock.waitForWaiter('pg_dump', { run });
      left = (await listAllKeys(rgw(), bucket)).filter(isClaimKey);
      expect(left).toHaveLength(1);
      process.kill(pid, 'SIGKILL');
      expect((await run).signal).toBe('SIGKILL');
    } finally {
      await lock.release();
    }
    // no cleanup ran: the claim is all the run left
    expect(await listAllKeys(rgw(), bucket)).toEqual(left);
    const claimed = claimedKey(left[0]!, 'killed')!;
    const at = parseBackupKey(claimed)!.at;

    // the next backup in the same second cannot tell a killed run from a running one yet: it steps aside, and succeeds
    const next = await runBackup(rgw(), bucket, db, { now: at, environment: 'killed' });
    expect(next.key).toBe(claimed.replace(/(\.dump\.zst)$/, '_2$1'));
    // prune keeps a claim this young (its run may still be going) …
    const pruneNow = await runCli(['prune', ...where, '--json'], s3Env(rgw()));
    expect(pruneNow.code, pruneNow.stderr).toBe(0);
    expect(JSON.parse(pruneNow.stdout)).toMatchObject({ staleClaims: [] });
    expect(await listAllKeys(rgw(), bucket)).toContain(left[0]);

    // … and removes it once it is older than the limit (the run context's clock, past the limit)
    const later = new Date(Date.now() + CLAIM_STALE_MS + 60_000);
    const options = parsePruneOptions(
      (name) => ({ bucket, endpoint: rgw().endpoint, environment: 'killed', name: 'shop' })[name],
      { ...process.env, ...s3Env(rgw()) },
    );
    const ctx = runContext(quiet, new AbortController().signal, {
      now: () => later,
      env: { ...process.env, ...s3Env(rgw()) },
      s3Client: clientFactory(rgw()),
    });
    const pruned = await prune(options, ctx);
    expect(pruned).toMatchObject({ claims: left, deleted: 0 });
    expect((await listAllKeys(rgw(), bucket)).sort()).toEqual(
      [next.key, `${next.key}.sha256`, `${next.key}.meta`, 'killed/latest.json', 'killed/latest/shop.json'].sort(),
    );
  });
});
