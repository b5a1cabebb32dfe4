/**
 * Before a backup is downloaded: is it readable, or in an archive tier? Runs the thaw state machine
 * (core/thaw.ts) against S3: HeadObject, RestoreObject when asked, and polling HeadObject until the restored copy
 * is there (up to thaw-timeout) when asked to wait.
 */
import type { ThawOptions } from '../model/options.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { RunContext } from '../model/context.js';
import { formatAge } from '../core/format.js';
import type { BackupEntry } from '../model/objects.js';
import {
  ARCHIVE_CLASSES,
  archiveState,
  nextThawStep,
  requestedMessage,
  ThawPendingError,
  typicalWait,
  type ArchiveState,
} from '../core/archive-tiers.js';
import { UserError } from '../core/errors.js';
import { headTier, requestRestore } from '../s3/archive.js';
import { describeS3Error } from '../s3/describe-error.js';
import { chooseBackup, type Chosen } from './download.js';
import { listBackups } from './listing.js';
import type { CommonOptions } from '../model/options.js';

type Ctx = Pick<RunContext, 'log' | 'now' | 'signal'>;
type Where = { s3: S3Client; bucket: string; key: string; endpoint?: string };

async function stateOf(w: Where): Promise<ArchiveState> {
  try {
    return archiveState(await headTier(w.s3, w.bucket, w.key));
  } catch (err) {
    throw describeS3Error(err, { bucket: w.bucket, key: w.key, endpoint: w.endpoint, action: 'reading' });
  }
}

/** Returns once the object can be read; throws a one-line UserError, or ThawPendingError (run again later). */
export async function ensureReadable(w: Where, t: ThawOptions, ctx: Ctx, verb: string): Promise<ArchiveState> {
  const state = await stateOf(w);
  const step = nextThawStep(w.key, state, t, verb);
  if (step.do === 'refuse') throw new UserError(step.message);
  if (step.do === 'pending') throw new ThawPendingError(step.message);
  if (step.do === 'read') {
    if (state.state === 'readable' && state.restoredUntil)
      ctx.log.info(`${w.key} is in ${state.storageClass}; its restored copy is readable until ${state.restoredUntil}`);
    return state;
  }
  if (step.do === 'request') {
    const answer = await requestRestore(w.s3, {
      bucket: w.bucket,
      key: w.key,
      tier: t.tier,
      days: t.days,
      intelligentTiering: state.storageClass === 'INTELLIGENT_TIERING',
    }).catch((err) => {
      throw describeS3Error(err, { bucket: w.bucket, key: w.key, endpoint: w.endpoint, action: 'restoring' });
    });
    if (answer === 'not-archived') {
      ctx.log.info(`${w.key}: S3 says it is not in an archive tier (InvalidObjectState): reading it as it is`);
      return { state: 'readable', storageClass: state.storageClass };
    }
    const message = requestedMessage(w.key, state.storageClass, t, verb, answer === 'in-progress');
    if (!t.wait) throw new ThawPendingError(message);
    ctx.log.info(message.replace(/: run the same .*$/, ''));
  }
  return poll(w, t, ctx, verb);
}

/** HeadObject every poll interval until the restored copy is readable, or thaw-timeout has passed. */
async function poll(w: Where, t: ThawOptions, ctx: Ctx, verb: string): Promise<ArchiveState> {
  const started = ctx.now().getTime();
  for (;;) {
    const elapsed = (ctx.now().getTime() - started) / 1000;
    const left = t.timeoutSeconds - elapsed;
    if (left <= 0) {
      throw new ThawPendingError(
        `${w.key} is still being restored after thaw-timeout ${formatAge(t.timeoutSeconds)}: run the same ${verb} again later`,
      );
    }
    await sleep(Math.min(t.pollSeconds, left) * 1000, undefined, { signal: ctx.signal }).catch(() => {
      throw ctx.signal.reason ?? new Error('cancelled');
    });
    const state = await stateOf(w);
    const waited = formatAge((ctx.now().getTime() - started) / 1000);
    if (state.state === 'readable') {
      ctx.log.info(
        `${w.key}: restored after ${waited}, readable${state.restoredUntil ? ` until ${state.restoredUntil}` : ''}`,
      );
      return state;
    }
    ctx.log.info(`thaw: ${w.key} still restoring (${waited} of thaw-timeout ${formatAge(t.timeoutSeconds)})`);
  }
}

const listedAsArchived = (b: BackupEntry) =>
  (ARCHIVE_CLASSES as readonly string[]).includes((b.storageClass ?? '').toUpperCase()) ||
  (b.storageClass ?? '').toUpperCase() === 'INTELLIGENT_TIERING';

/**
 * The drill's choice: the newest backup (with its checksum) readable without a thaw. Objects listed in an
 * archive class are asked with HeadObject (a restored copy counts as readable); others are readable as listed.
 */
async function newestReadable(
  w: Omit<Where, 'key'>,
  backups: BackupEntry[],
  ctx: Ctx,
): Promise<BackupEntry | undefined> {
  for (const b of backups.filter((x) => x.hasChecksum)) {
    if (!listedAsArchived(b)) return b;
    const state = await stateOf({ ...w, key: b.key });
    if (state.state === 'readable') return b;
    ctx.log.info(
      `skipping ${b.key}: in ${state.storageClass}${state.state === 'thawing' ? ' (being restored)' : ''}, not readable without a thaw (typically ${typicalWait(state.storageClass, 'Standard') ?? 'hours'})`,
    );
  }
  return undefined;
}

/**
 * chooseBackup, then the thaw state machine on the choice. `drill`: "latest" means the newest backup readable
 * without a thaw (unless thaw is set), so a scheduled drill never stops at a yearly backup in DEEP_ARCHIVE.
 */
export async function chooseReadable(
  o: CommonOptions & { backup: string; thaw: ThawOptions },
  s3: S3Client,
  ctx: RunContext,
  verb: string,
  drill = false,
): Promise<Chosen> {
  let selector = o.backup;
  const where = { s3, bucket: o.s3.bucket, endpoint: o.s3.endpoint };
  if (drill && selector === 'latest' && !o.thaw.thaw) {
    const listing = await listBackups(o, s3);
    const pointed = listing.backups.filter((b) => b.key === listing.latestKey);
    const pick = await newestReadable(where, [...pointed, ...listing.backups], ctx);
    if (pick) selector = pick.key;
  }
  const chosen = await chooseBackup(o, selector, s3, ctx);
  // a multi-stream backup: its data parts too
  for (const key of [chosen.entry.key, ...(chosen.entry.parts ?? []).map((p) => p.key)])
    await ensureReadable({ ...where, key }, o.thaw, ctx, verb);
  return chosen;
}
