/** thaw: ask S3 to restore an archived backup (RestoreObject) and, with wait, wait until it is readable. */
import { parseBackupSelector } from '../options/backup-selector.js';
import { common, value, type RawInputs } from '../options/parse.js';
import type { CommonOptions } from '../model/options.js';
import { parseThawOptions } from '../options/thaw.js';
import { clientFor } from '../s3/client.js';
import { chooseBackup } from '../store/download.js';
import { ensureReadable } from '../store/readable.js';
import type { ThawOptions } from '../model/options.js';
import { outputsJson, type Command } from './command.js';

interface ThawVerbOptions extends CommonOptions {
  backup: string;
  thaw: ThawOptions;
}

function parseThawVerbOptions(raw: RawInputs, env: Record<string, string | undefined> = process.env) {
  return {
    ...common(raw, env),
    backup: parseBackupSelector('backup', value(raw, env, 'backup') || 'latest'),
    thaw: parseThawOptions(raw, env, true),
  } satisfies ThawVerbOptions;
}

export const thawCommand: Command = {
  verb: 'thaw',
  async run(raw, ctx) {
    const o = parseThawVerbOptions(raw, ctx.env);
    const s3 = clientFor(ctx, o.s3);
    const { entry } = await chooseBackup(o, o.backup, s3, ctx);
    const where = { s3, bucket: o.s3.bucket, key: entry.key, endpoint: o.s3.endpoint };
    const state = await ensureReadable(where, o.thaw, ctx, 'thaw');
    // a multi-stream backup: its data parts too
    for (const part of entry.parts ?? []) await ensureReadable({ ...where, key: part.key }, o.thaw, ctx, 'thaw');
    const line = `${entry.key} is readable (${state.storageClass}${state.state === 'readable' && state.restoredUntil ? `, restored until ${state.restoredUntil}` : ''})`;
    const outputs = { key: entry.key, 'storage-class': state.storageClass, readable: 'true' };
    return { outputs, summary: `${line}\n`, text: line, json: outputsJson('thaw', outputs), report: line };
  },
};
