// Keep the benchmark's servers and database up for experiments: prints the env to use, runs until SIGINT/SIGTERM.
//   node bench/lib/hold.mjs <dir> <size-mb>
import { writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { generateDatabase } from './datagen.mjs';
import { createBucket, startPostgres, startRgw } from './servers.mjs';
const [dir, size] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
chmodSync(dir, 0o755);
const log = (m) => process.stderr.write(`${m}\n`);
const pgs = await startPostgres(path.join(dir, 'pg'), log);
const s3 = await startRgw(path.join(dir, 'rgw'), log);
await createBucket(s3, 'exp');
await generateDatabase(pgs, 'exp', Number(size), log);
writeFileSync(
  path.join(dir, 'env.sh'),
  `${[
    `export DBURL='${pgs.url('exp')}'`,
    `export S3EP='${s3.endpoint}'`,
    `export AWS_ACCESS_KEY_ID='${s3.accessKeyId}' AWS_SECRET_ACCESS_KEY='${s3.secretAccessKey}' AWS_REGION='${s3.region}'`,
    `export PGENV='${Object.entries(pgs.toolEnv('exp'))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}'`,
  ].join('\n')}\n`,
);
log('READY');
const stop = async () => {
  await s3.stop();
  await pgs.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
