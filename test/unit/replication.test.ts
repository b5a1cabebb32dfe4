// Replication of the backup prefix (pure): our rule, merged into the bucket's configuration (others kept, ours
// replaced by ID, nothing written when unchanged), the role's policy, the audit's verdicts — and the configuration
// as the SDK serializes it, checked against the S3 API model the SDK ships (required members, known members).
import { Readable } from 'node:stream';
import {
  ReplicationConfiguration$,
  S3Client,
  type ReplicationConfiguration,
  type ReplicationRule,
} from '@aws-sdk/client-s3';
import { describe, expect, test } from 'vitest';
import {
  destinationArn,
  mergeReplication,
  replicationRolePolicy,
  replicationRule,
  replicationStatusVerdict,
  ruleFor,
} from '../../src/core/replication-rules.js';
import type { ReplicationTarget } from '../../src/model/options.js';
import { putReplicationCommand } from '../../src/s3/replication-config.js';

const ROLE = 'arn:aws:iam::123456789012:role/s3-backup-replication';
const target = (o: Partial<ReplicationTarget> = {}): ReplicationTarget => ({
  destinationArn: 'arn:aws:s3:::backups-eu',
  role: ROLE,
  timeControl: false,
  ...o,
});
const other: ReplicationRule = {
  ID: 'logs-to-archive',
  Priority: 4,
  Status: 'Enabled',
  Filter: { Prefix: 'logs/' },
  DeleteMarkerReplication: { Status: 'Enabled' },
  Destination: { Bucket: 'arn:aws:s3:::logs-archive' },
};

describe('destinationArn', () => {
  test.each([
    ['arn:aws:s3:::backups-eu', 'arn:aws:s3:::backups-eu'],
    ['backups-eu', 'arn:aws:s3:::backups-eu'],
    ['arn:aws-cn:s3:::b-cn', 'arn:aws-cn:s3:::b-cn'],
  ])('%s → %s', (input, arn) => expect(destinationArn('replicate-to', input)).toBe(arn));
  test.each(['s3://backups-eu', 'arn:aws:s3:::Bad_Name', 'arn:aws:iam::1:role/x'])('%s is refused', (input) =>
    expect(() => destinationArn('replicate-to', input)).toThrow(/replicate-to: ".*" is not a bucket ARN/),
  );
});

describe('replicationRule', () => {
  test('the prefix, enabled, delete markers NOT replicated; class and RTC only when asked', () => {
    expect(replicationRule('prod', target(), 1)).toEqual({
      ID: 's3-backup:prod:replicate',
      Priority: 1,
      Status: 'Enabled',
      Filter: { Prefix: 'prod/' },
      DeleteMarkerReplication: { Status: 'Disabled' },
      Destination: { Bucket: 'arn:aws:s3:::backups-eu' },
    });
    expect(replicationRule('prod', target({ storageClass: 'GLACIER_IR', timeControl: true }), 1).Destination).toEqual({
      Bucket: 'arn:aws:s3:::backups-eu',
      StorageClass: 'GLACIER_IR',
      ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
      Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
    });
  });
});

describe('mergeReplication', () => {
  test('no configuration yet: ours alone, priority 1, changed', () => {
    const m = mergeReplication(undefined, 'prod', target());
    expect(m).toMatchObject({ changed: true, kept: 0 });
    expect(m.config.Role).toBe(ROLE);
    expect(m.config.Rules!.map((r) => [r.ID, r.Priority])).toEqual([['s3-backup:prod:replicate', 1]]);
  });

  test("others' rules are kept as they were; ours gets a priority none of them has", () => {
    const m = mergeReplication({ Role: ROLE, Rules: [other] }, 'prod', target());
    expect(m.kept).toBe(1);
    expect(m.config.Rules![0]).toBe(other);
    expect(m.config.Rules![1]!.Priority).toBe(5);
  });

  test('idempotent: merging what the bucket holds changes nothing (key order and absent members do not matter)', () => {
    const first = mergeReplication({ Role: ROLE, Rules: [other] }, 'prod', target({ timeControl: true }));
    // as read back: S3's member order, and members it adds left undefined
    const again = mergeReplication(
      {
        Rules: first.config.Rules!.map(
          (r) =>
            Object.fromEntries(
              Object.entries({ ...r, SourceSelectionCriteria: undefined }).reverse(),
            ) as unknown as ReplicationRule,
        ),
        Role: ROLE,
      },
      'prod',
      target({ timeControl: true }),
    );
    expect(again.changed).toBe(false);
    expect(again.config).toEqual(first.config);
  });

  test('ours is replaced by its ID (keeping its priority), never duplicated', () => {
    const old = { ...replicationRule('prod', target(), 7), Destination: { Bucket: 'arn:aws:s3:::old-copy' } };
    const m = mergeReplication({ Role: ROLE, Rules: [old, other] }, 'prod', target({ storageClass: 'STANDARD_IA' }));
    expect(m.changed).toBe(true);
    expect(m.config.Rules!.map((r) => r.ID)).toEqual(['logs-to-archive', 's3-backup:prod:replicate']);
    expect(m.config.Rules![1]).toMatchObject({
      Priority: 7,
      Destination: { Bucket: 'arn:aws:s3:::backups-eu', StorageClass: 'STANDARD_IA' },
    });
  });

  test('another prefix of ours is another rule', () => {
    const staging = replicationRule('staging', target(), 1);
    const m = mergeReplication({ Role: ROLE, Rules: [staging] }, 'prod', target());
    expect(m.config.Rules!.map((r) => [r.ID, r.Priority])).toEqual([
      ['s3-backup:staging:replicate', 1],
      ['s3-backup:prod:replicate', 2],
    ]);
  });

  test('a bucket has one replication role: another one with other rules in place is refused', () => {
    expect(() =>
      mergeReplication({ Role: 'arn:aws:iam::123456789012:role/other', Rules: [other] }, 'prod', target()),
    ).toThrow(
      'replication-role: the bucket already replicates with role arn:aws:iam::123456789012:role/other (1 other rule); a bucket has one replication role: pass that role',
    );
    // only our own rule there: the role is ours to change
    const ours = replicationRule('prod', target(), 1);
    expect(
      mergeReplication({ Role: 'arn:aws:iam::123456789012:role/old', Rules: [ours] }, 'prod', target()).changed,
    ).toBe(true);
  });
});

describe('ruleFor and the audit verdicts', () => {
  test.each<[string, ReplicationConfiguration | undefined, string | undefined]>([
    ['none', undefined, undefined],
    ['ours', mergeReplication(undefined, 'prod', target()).config, 's3-backup:prod:replicate'],
    ['a whole-bucket rule of others', { Role: ROLE, Rules: [{ ...other, Filter: { Prefix: '' } }] }, 'logs-to-archive'],
    ['a rule for another prefix', { Role: ROLE, Rules: [other] }, undefined],
    ['a disabled rule', { Role: ROLE, Rules: [{ ...other, Filter: {}, Status: 'Disabled' }] }, undefined],
  ])('%s', (_n, config, id) => expect(ruleFor(config, 'prod')?.ID).toBe(id));

  test.each([
    ['COMPLETED', true, 'ok'],
    ['REPLICA', false, 'ok'],
    ['PENDING', true, 'unknown'],
    ['FAILED', true, 'fail'],
    [undefined, true, 'fail'],
    [undefined, false, 'unknown'],
  ] as const)('%s (rule: %s) → %s', (status, configured, verdict) =>
    expect(replicationStatusVerdict(status, 'k', configured)[0]).toBe(verdict),
  );
});

test("the replication role's policy: read versions under the prefix, write replicas there, no ReplicateDelete", () => {
  const p = replicationRolePolicy({ bucket: 'backups', prefix: 'prod', destinationArn: 'arn:aws:s3:::backups-eu' });
  expect(p.Statement.map((s) => [s.Action, s.Resource])).toEqual([
    [['s3:GetReplicationConfiguration', 's3:ListBucket'], ['arn:aws:s3:::backups']],
    [
      ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
      ['arn:aws:s3:::backups/prod/*'],
    ],
    [['s3:ReplicateObject', 's3:ReplicateTags'], ['arn:aws:s3:::backups-eu/prod/*']],
  ]);
});

// ---- the S3 API model, as the SDK ships it

type Schema = unknown;
const resolve = (s: Schema): Schema =>
  typeof s === 'function'
    ? resolve((s as () => Schema)())
    : Array.isArray(s) && typeof s[0] === 'function'
      ? resolve(s[0])
      : s;

/** Members the model requires but the value lacks, and members the model does not know, as paths. */
function againstModel(schema: Schema, value: unknown, path: string): string[] {
  const s = resolve(schema) as unknown[];
  if (!Array.isArray(s) || value === undefined) return [];
  if (s[0] === 1) return (value as unknown[]).flatMap((v, i) => againstModel(s[4], v, `${path}[${i}]`));
  if (s[0] !== 3) return [];
  const names = s[4] as string[];
  const members = s[5] as Schema[];
  const required = (s[6] as number | undefined) ?? 0;
  const v = value as Record<string, unknown>;
  return [
    ...names
      .slice(0, required)
      .filter((n) => v[n] === undefined)
      .map((n) => `missing ${path}.${n}`),
    ...Object.keys(v)
      .filter((k) => !names.includes(k))
      .map((k) => `unknown ${path}.${k}`),
    ...names.flatMap((n, i) => againstModel(members[i], v[n], `${path}.${n}`)),
  ];
}

/** The request the SDK would send: its own middleware and serializer, a handler that captures instead of sending. */
async function serialized(config: ReplicationConfiguration) {
  let captured:
    | { method: string; path: string; query: Record<string, unknown>; headers: Record<string, string>; body: string }
    | undefined;
  const client = new S3Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: {
      handle: async (req: {
        method: string;
        path: string;
        query: Record<string, unknown>;
        headers: Record<string, string>;
        body: unknown;
      }) => {
        captured = {
          method: req.method,
          path: req.path,
          query: req.query,
          headers: req.headers,
          body: String(req.body),
        };
        return { response: { statusCode: 200, headers: {}, body: Readable.from([]) } };
      },
    } as never,
  });
  await client.send(putReplicationCommand('backups', config));
  return captured!;
}

describe('against the S3 API model (the SDK’s own shapes and serializer)', () => {
  test('the model check itself finds a missing required member and an unknown one', () => {
    expect(againstModel(ReplicationConfiguration$, { Rules: [{ Status: 'Enabled', Nope: 1 }] }, 'config')).toEqual([
      'missing config.Role',
      'missing config.Rules[0].Destination',
      'unknown config.Rules[0].Nope',
    ]);
  });

  test.each([
    ['plain', target()],
    ['replica class and Replication Time Control', target({ storageClass: 'DEEP_ARCHIVE', timeControl: true })],
  ])('%s: every required member, no unknown one', (_n, t) => {
    const { config } = mergeReplication({ Role: ROLE, Rules: [other] }, 'prod', t);
    expect(againstModel(ReplicationConfiguration$, config, 'config')).toEqual([]);
  });

  test('PutBucketReplication as the SDK serializes it: the exact XML', async () => {
    const { config } = mergeReplication(
      { Role: ROLE, Rules: [other] },
      'prod',
      target({ storageClass: 'STANDARD_IA', timeControl: true }),
    );
    const req = await serialized(config);
    expect([req.method, req.path, Object.keys(req.query)]).toEqual(['PUT', '/', ['replication']]);
    expect(req.headers.host).toBe('backups.s3.eu-west-1.amazonaws.com');
    expect(req.body.replace(/>\s+</g, '><')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        `<Role>${ROLE}</Role>` +
        // members in the model's order
        '<Rule><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::logs-archive</Bucket></Destination>' +
        '<ID>logs-to-archive</ID><Priority>4</Priority><Filter><Prefix>logs/</Prefix></Filter>' +
        '<DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication></Rule>' +
        '<Rule><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::backups-eu</Bucket>' +
        '<StorageClass>STANDARD_IA</StorageClass>' +
        '<ReplicationTime><Status>Enabled</Status><Time><Minutes>15</Minutes></Time></ReplicationTime>' +
        '<Metrics><Status>Enabled</Status><EventThreshold><Minutes>15</Minutes></EventThreshold></Metrics>' +
        '</Destination><ID>s3-backup:prod:replicate</ID><Priority>5</Priority><Filter><Prefix>prod/</Prefix></Filter>' +
        '<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication></Rule>' +
        '</ReplicationConfiguration>',
    );
    // S3 requires an integrity header on this PUT: the SDK adds one
    expect(Object.keys(req.headers).some((h) => /^(content-md5|x-amz-checksum-)/.test(h))).toBe(true);
  });
});
