/** The bucket's replication configuration: read (none → undefined) and written whole. */
import {
  GetBucketReplicationCommand,
  PutBucketReplicationCommand,
  type ReplicationConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import { s3ErrorCode } from './describe-error.js';

export async function getReplication(client: S3Client, bucket: string): Promise<ReplicationConfiguration | undefined> {
  try {
    return (await client.send(new GetBucketReplicationCommand({ Bucket: bucket }))).ReplicationConfiguration;
  } catch (err) {
    if (s3ErrorCode(err) === 'ReplicationConfigurationNotFoundError') return undefined;
    throw err;
  }
}

/** The command that writes it (built apart so its request can be checked against the S3 API model). */
export const putReplicationCommand = (bucket: string, config: ReplicationConfiguration) =>
  new PutBucketReplicationCommand({ Bucket: bucket, ReplicationConfiguration: config });

export async function putReplication(client: S3Client, bucket: string, config: ReplicationConfiguration) {
  await client.send(putReplicationCommand(bucket, config));
}
