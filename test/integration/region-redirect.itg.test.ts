// A bucket in another AWS region: S3 answers 301 PermanentRedirect with x-amz-bucket-region, and the tool says which
// region to set. No local S3 server implements regions, so this runs against a stub S3 on loopback that answers every
// request exactly as AWS does for a bucket in eu-west-1 (status, header and XML body).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../support/run.js';

let server: http.Server;
let endpoint: string;
const requests: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      const body =
        req.method === 'HEAD'
          ? ''
          : '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PermanentRedirect</Code><Message>The bucket you are ' +
            'attempting to access must be addressed using the specified endpoint. Please send all future requests to ' +
            'this endpoint.</Message><Endpoint>backups-eu.s3.eu-west-1.amazonaws.com</Endpoint><Bucket>backups-eu</Bucket>' +
            '<RequestId>stub</RequestId></Error>';
      res.writeHead(301, { 'x-amz-bucket-region': 'eu-west-1', 'content-type': 'application/xml' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

const env = { AWS_ACCESS_KEY_ID: 'AKIASTUBSTUBSTUBSTUB', AWS_SECRET_ACCESS_KEY: 'stub-secret-not-a-real-one' };

test.each([
  ['list', ['list']],
  ['check', ['check']],
])(
  'stub S3 answering 301 PermanentRedirect: %s says "the bucket is in eu-west-1: set region", one line',
  async (_verb, args) => {
    const r = await runCli([...args, '--bucket', 'backups-eu', '--endpoint', endpoint, '--region', 'us-east-1'], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^s3-backup: error: listing s3:\/\/backups-eu\/production failed \(PermanentRedirect 301\): the bucket is in eu-west-1: set region to eu-west-1 \(--region eu-west-1, or AWS_REGION\)$/,
      ),
    ]);
    expect(requests.length).toBeGreaterThan(0);
  },
);
