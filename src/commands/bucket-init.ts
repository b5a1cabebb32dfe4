/** bucket init: create or complete the bucket — versioning, encryption, public access blocked, lifecycle rules. */
import { acceptedGaps, bucketInit, initFailure } from '../bucket/init.js';
import { parseBucketInitOptions } from '../options/maintenance.js';
import { initTable } from '../reporting/maintenance.js';
import { outputsJson, type Command } from './command.js';

export const bucketInitCommand: Command = {
  verb: 'bucket-init',
  async run(raw, ctx) {
    const o = parseBucketInitOptions(raw, ctx.env);
    const steps = await bucketInit(o, ctx);
    const outputs = { report: JSON.stringify(steps) };
    return {
      outputs,
      summary: [`### Bucket setup: s3://${o.s3.bucket}`, '', initTable(steps), ''].join('\n'),
      text: steps.map((s) => `${s.status.padEnd(8)} ${s.step}: ${s.detail}`).join('\n'),
      json: outputsJson('bucket-init', outputs),
      report: `bucket s3://${o.s3.bucket} set up`,
      warnings: acceptedGaps(steps, o.allowUnsupported),
      failure: initFailure(steps, o.s3.bucket, o.allowUnsupported),
    };
  },
};
