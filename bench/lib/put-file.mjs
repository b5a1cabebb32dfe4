// Fallback for the hand-written pipeline's upload step when the `aws` CLI is missing: one file → one object with
// lib-storage's Upload (multipart, SDK defaults: 5 MiB parts × 4), from a fresh Node process like `aws s3 cp` is.
// usage: node put-file.mjs <file> <bucket> <key>   (endpoint, keys, region and checksum mode from the environment)
import { createReadStream } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

const [file, bucket, key] = process.argv.slice(2);
const mode = process.env.BENCH_REQUEST_CHECKSUM ?? 'WHEN_SUPPORTED';
const client = new S3Client({
  endpoint: process.env.AWS_ENDPOINT_URL,
  region: process.env.AWS_REGION ?? 'us-east-1',
  forcePathStyle: true,
  requestChecksumCalculation: mode,
  responseChecksumValidation: mode,
});
await new Upload({ client, params: { Bucket: bucket, Key: key, Body: createReadStream(file) } }).done();
client.destroy();
