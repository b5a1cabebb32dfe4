// The workflow templates run as shipped: each template's jobs and steps, in order, through test/support/workflow-runner.ts
// (GitHub's parser and expression evaluator; our steps run the bundled dist/ entries) against embedded PostgreSQL and
// Ceph RGW. A `services: postgres` container is the embedded PostgreSQL of the image's major; configure-aws-credentials
// is not run: it stands for the credentials it would export (the S3 server's keys). The S3 endpoint is the runner's
// environment (AWS_ENDPOINT_URL_S3), as on a self-hosted runner next to MinIO.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pg, rgw } from '../support/context.js';
import { snapshotDatabase } from '../support/db-snapshot.js';
import { awkwardDatabase } from '../support/fixtures.js';
import { PG_PASSWORD, type PgMajor } from '../support/postgres.js';
import { ROOT, runAction, s3Env } from '../support/run.js';
import { createBucket, emptyAndDeleteBucket, getObject, listAllKeys, makeS3Client } from '../support/s3-servers.js';
import {
  embeddedPostgresService,
  runWorkflow,
  type RunOptions,
  type ThirdPartyAction,
  type WorkflowResult,
} from '../support/workflow-runner.js';

const TEMPLATES = path.join(ROOT, '.github/workflow-templates');
const template = (name: string) => path.join(TEMPLATES, `${name}.yml`);
const s3 = () => rgw();
const ROLE = 'arn:aws:iam::123456789012:role/postgres-backup';

const getText = async (bucket: string, key: string) => (await getObject(s3(), bucket, key)).toString();
async function putText(bucket: string, key: string, body: string): Promise<void> {
  await makeS3Client(s3()).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(body) }));
}

/** Each step as `kind:outcome`, to read a run at a glance. */
const outcomes = (run: WorkflowResult, job: string) => run.jobs[job]!.steps.map((s) => `${s.kind}:${s.outcome}`);

/** The backup template with option 2 (static keys, commented out) switched on instead of option 1 (OIDC role). */
function withStaticKeys(text: string): string {
  const lines = text.split('\n');
  const option1 = lines.findIndex((l) => l.includes('- name: AWS credentials (OIDC role)'));
  const option2 = lines.findIndex((l) => l.includes('# Credentials, option 2'));
  expect(option1).toBeGreaterThan(0);
  expect(option2).toBeGreaterThan(option1);
  const out = [...lines.slice(0, option1), lines[option2]!];
  let i = option2 + 1;
  for (; /^(\s*)# (- | {2})/.test(lines[i]!); i++) out.push(lines[i]!.replace(/^(\s*)# /, '$1'));
  expect(i - option2 - 1).toBe(6); // the whole commented step
  return [...out, ...lines.slice(i)].join('\n');
}

describe('workflow templates, run as shipped', () => {
  let bucket: string;
  let source: string;
  const assumed: Array<Record<string, string>> = [];

  // configure-aws-credentials exports credentials and the region for the steps after it; here the S3 server's keys
  // stand for the role's temporary credentials, and static keys are exported as given
  const configureAwsCredentials: ThirdPartyAction = (inputs) => {
    assumed.push(inputs);
    if (!inputs['aws-region']) throw new Error('aws-region is empty');
    if ('role-to-assume' in inputs) {
      if (inputs['role-to-assume'] !== ROLE) throw new Error(`role-to-assume is "${inputs['role-to-assume']}"`);
      return {
        AWS_ACCESS_KEY_ID: s3().accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3().secretAccessKey,
        AWS_REGION: inputs['aws-region'],
        AWS_DEFAULT_REGION: inputs['aws-region'],
      };
    }
    if (!inputs['aws-access-key-id'] || !inputs['aws-secret-access-key']) throw new Error('no credentials given');
    return {
      AWS_ACCESS_KEY_ID: inputs['aws-access-key-id'],
      AWS_SECRET_ACCESS_KEY: inputs['aws-secret-access-key'],
      AWS_REGION: inputs['aws-region'],
      AWS_DEFAULT_REGION: inputs['aws-region'],
    };
  };

  // actions/attest signs a statement made of its subjects and predicate; here it reads them as the action would
  const attested: Array<{ subjects: string; predicateType: string; predicate: Record<string, unknown> }> = [];
  const attest: ThirdPartyAction = (inputs) => {
    attested.push({
      subjects: readFileSync(inputs['subject-checksums']!, 'utf8'),
      predicateType: inputs['predicate-type']!,
      predicate: JSON.parse(readFileSync(inputs['predicate-path']!, 'utf8')),
    });
    return {};
  };

  const options = (o: Partial<RunOptions> & Pick<RunOptions, 'event'>): RunOptions => ({
    secrets: { DATABASE_URL: pg(15).url(source) },
    vars: { S3_BACKUP_BUCKET: bucket, AWS_REGION: s3().region, AWS_ROLE_ARN: ROLE, POSTGRES_MAJOR: '15' },
    env: { AWS_ENDPOINT_URL_S3: s3().endpoint, AWS_EC2_METADATA_DISABLED: 'true' },
    thirdParty: { 'aws-actions/configure-aws-credentials': configureAwsCredentials, 'actions/attest': attest },
    services: embeddedPostgresService((major) => pg(major as PgMajor)),
    ...o,
  });

  beforeAll(async () => {
    bucket = await createBucket(s3());
    source = await awkwardDatabase(pg(15));
  });
  afterAll(async () => emptyAndDeleteBucket(s3(), bucket));

  /** The newest production backup (made by the backup template when a test runs alone). */
  async function latestBackup(): Promise<{ key: string; sha256: string }> {
    if (!(await listAllKeys(s3(), bucket, 'production/')).includes('production/latest.json')) {
      expect(
        (await runWorkflow(template('postgres-backup'), options({ event: { name: 'workflow_dispatch' } }))).result,
      ).toBe('success');
    }
    return JSON.parse(await getText(bucket, 'production/latest.json'));
  }

  const keyPattern = () => new RegExp(`^production/${source}_production_\\d{8}_\\d{6}\\.dump\\.zst$`);

  describe('postgres-backup.yml', () => {
    test('the nightly run: OIDC credentials, then the backup with its sidecars, latest.json and the run in the manifest', async () => {
      assumed.length = 0;
      const run = await runWorkflow(template('postgres-backup'), options({ event: { name: 'schedule' } }));
      expect(run.result, JSON.stringify(run.jobs.backup!.steps.map((s) => [s.name, s.shown, s.errors]))).toBe(
        'success',
      );
      expect(run.concurrency).toEqual({ group: 'postgres-backup-production', 'cancel-in-progress': false });
      expect(outcomes(run, 'backup')).toEqual(['third-party:success', 'ours:success']);
      expect(assumed).toEqual([{ 'role-to-assume': ROLE, 'aws-region': s3().region }]);

      const step = run.jobs.backup!.step.backup!;
      expect(step.action).toBe('.');
      expect(step.inputs).toEqual({ 'database-url': pg(15).url(source), bucket, environment: 'production' });
      const { key, sha256 } = step.outputs;
      expect(key).toMatch(keyPattern());
      expect(await listAllKeys(s3(), bucket, 'production/')).toEqual(
        expect.arrayContaining([key, `${key}.sha256`, `${key}.meta`, 'production/latest.json']),
      );
      expect(await getText(bucket, `${key}.sha256`)).toBe(`${sha256}  ${path.basename(key!)}\n`);
      const manifest = JSON.parse(await getText(bucket, `${key}.meta`));
      expect(manifest.github).toMatchObject({ workflow: 'PostgreSQL backup', repository: 'acme/shop' });
      expect(JSON.parse(await getText(bucket, 'production/latest.json'))).toMatchObject({ key, sha256 });
      // the runner's log masks the database URL, as GitHub's does
      expect(step.shown).not.toContain(PG_PASSWORD);
      expect(step.summary).toContain(sha256);
    });

    test('option 2, static keys from secrets (the commented step switched on), started by hand', async () => {
      assumed.length = 0;
      const source2 = withStaticKeys(readFileSync(template('postgres-backup'), 'utf8'));
      const o = options({ event: { name: 'workflow_dispatch' }, source: source2 });
      o.secrets = { ...o.secrets, AWS_ACCESS_KEY_ID: s3().accessKeyId, AWS_SECRET_ACCESS_KEY: s3().secretAccessKey };
      const run = await runWorkflow(template('postgres-backup'), o);
      expect(run.result, JSON.stringify(run.jobs.backup!.steps.map((s) => [s.name, s.shown, s.errors]))).toBe(
        'success',
      );
      expect(assumed).toEqual([
        {
          'aws-access-key-id': s3().accessKeyId,
          'aws-secret-access-key': s3().secretAccessKey,
          'aws-region': s3().region,
        },
      ]);
      expect(run.jobs.backup!.step.backup!.outputs.key).toMatch(keyPattern());
    });
  });

  describe('postgres-backup-matrix.yml', () => {
    test('plan → one backup job a group → close: a set of every planned database, latest moved', async () => {
      // two databases of the shared server instead of all of them (the template's databases: all), under an
      // environment of their own: production/ holds one database for the restore template's tests
      const second = await pg(15).createDatabase();
      await pg(15).exec(second, 'CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 100) g');
      const text = readFileSync(template('postgres-backup-matrix'), 'utf8');
      expect(text).toContain('          databases: all\n');
      expect(text.split('          environment: production\n')).toHaveLength(4); // plan, backup, close
      const o = options({
        event: { name: 'schedule' },
        source: text
          .replace('          databases: all\n', `          databases: ${source},${second}\n`)
          .replaceAll('          environment: production\n', '          environment: matrix\n'),
      });
      const run = await runWorkflow(template('postgres-backup-matrix'), o);
      const steps = (job: string) => JSON.stringify(run.jobs[job]!.steps.map((x) => [x.name, x.shown, x.errors]));
      expect(run.result, steps('close')).toBe('success');
      const plan = run.jobs.plan!.outputs;
      const matrix = JSON.parse(plan.matrix!);
      expect(matrix.include.map((g: { databases: string }) => g.databases).sort()).toEqual([source, second].sort());
      // one job per group, each with its group's databases
      expect(run.jobs.backup!.matrix!.map((j) => j.steps.at(-1)!.inputs?.databases)).toEqual(
        matrix.include.map((g: { databases: string }) => g.databases),
      );
      expect(outcomes(run, 'close')).toEqual(['third-party:success', 'ours:success']);
      const setKey = run.jobs.close!.steps.at(-1)!.outputs['set-key'];
      expect(setKey).toBe(`matrix/sets/${plan['set-id']}.json`);
      const set = JSON.parse(await getText(bucket, setKey!));
      expect(set.failed).toEqual([]);
      expect(set.members.map((m: { name: string }) => m.name).sort()).toEqual(['_globals', source, second].sort());
      expect(JSON.parse(await getText(bucket, 'matrix/sets/latest.json'))).toMatchObject({ key: setKey });
    });
  });

  describe('pre-deploy-backup.yml (reusable) and deploy-with-backup.yml', () => {
    test('called directly: backs up, verifies that key and returns key and sha256 as workflow outputs', async () => {
      const run = await runWorkflow(
        template('pre-deploy-backup'),
        options({
          event: { name: 'workflow_call', inputs: { environment: 'predeploy', bucket } },
          vars: { AWS_REGION: s3().region, AWS_ROLE_ARN: ROLE },
        }),
      );
      expect(run.result).toBe('success');
      expect(outcomes(run, 'backup')).toEqual([
        'third-party:success',
        'ours:skipped',
        'ours:success',
        'ours:success',
        'run:success',
      ]);
      const job = run.jobs.backup!;
      expect(job.step.verify!.action).toBe('verify');
      expect(job.step.verify!.inputs.backup).toBe(job.step.backup!.outputs.key);
      expect(run.outputs).toEqual({ key: job.step.backup!.outputs.key, sha256: job.step.backup!.outputs.sha256 });
      expect(run.outputs.key).toMatch(new RegExp(`^predeploy/${source}_predeploy_\\d{8}_\\d{6}\\.dump\\.zst$`));
      expect(await getText(bucket, `${run.outputs.key}.sha256`)).toBe(
        `${run.outputs.sha256}  ${path.basename(run.outputs.key!)}\n`,
      );
      expect(job.step.verify!.outputs).toMatchObject({ key: run.outputs.key, sha256: run.outputs.sha256 });
    });

    test('with max-age: takes no backup and returns the newest good one when it is younger; fails when it is older or missing', async () => {
      const environment = 'predeploy-gate';
      const call = (inputs: Record<string, string>, secrets?: Record<string, string>) =>
        runWorkflow(
          template('pre-deploy-backup'),
          options({
            event: { name: 'workflow_call', inputs: { environment, bucket, ...inputs } },
            ...(secrets ? { secrets } : {}),
          }),
        );
      // nothing there yet: the gate fails, and says why
      const none = await call({ 'max-age': '6h' }, {});
      expect(none.result).toBe('failure');
      expect(outcomes(none, 'backup')).toEqual([
        'third-party:success',
        'ours:failure',
        'ours:skipped',
        'ours:skipped',
        'run:skipped',
      ]);
      expect(none.jobs.backup!.step.check!.errors.join('\n')).toMatch(/no good backup/i);

      const taken = await call({});
      expect(taken.result).toBe('success');
      const keys = await listAllKeys(s3(), bucket, `${environment}/`);

      // younger than max-age: no DATABASE_URL needed, nothing written, the same key and sha256 as outputs
      const gate = await call({ 'max-age': '6h' }, {});
      expect(gate.result, JSON.stringify(gate.jobs.backup!.steps.map((s) => [s.name, s.shown, s.errors]))).toBe(
        'success',
      );
      expect(outcomes(gate, 'backup')).toEqual([
        'third-party:success',
        'ours:success',
        'ours:skipped',
        'ours:skipped',
        'run:skipped',
      ]);
      expect(gate.jobs.backup!.step.check!.action).toBe('check');
      expect(gate.jobs.backup!.step.check!.inputs).toEqual({ bucket, environment, 'max-age': '6h' });
      expect(gate.outputs).toEqual(taken.outputs);
      expect(gate.jobs.backup!.step.check!.outputs).toMatchObject({
        fresh: 'true',
        key: taken.outputs.key,
        sha256: taken.outputs.sha256,
      });
      expect(await listAllKeys(s3(), bucket, `${environment}/`)).toEqual(keys);

      // older than max-age: the job fails (a deploy that `needs:` it does not run). The backup's manifest says it was
      // taken two hours ago: stale by construction, without waiting for time to pass
      const metaKey = `${taken.outputs.key}.meta`;
      const meta = await getText(bucket, metaKey);
      const m = JSON.parse(meta);
      const earlier = (t: string) => new Date(Date.parse(t) - 2 * 3_600_000).toISOString();
      await putText(
        bucket,
        metaKey,
        JSON.stringify({ ...m, startedAt: earlier(m.startedAt), finishedAt: earlier(m.finishedAt) }),
      );
      let stale: WorkflowResult;
      try {
        stale = await call({ 'max-age': '1h' }, {});
      } finally {
        await putText(bucket, metaKey, meta);
      }
      expect(stale.result).toBe('failure');
      expect(outcomes(stale, 'backup')).toEqual([
        'third-party:success',
        'ours:failure',
        'ours:skipped',
        'ours:skipped',
        'run:skipped',
      ]);
      expect(stale.jobs.backup!.step.check!.outputs).toMatchObject({ fresh: 'false', key: taken.outputs.key });
      expect(stale.jobs.backup!.step.check!.errors.join('\n')).toContain(taken.outputs.key!);
    });

    test("a deploy calls it and gets the verified key; the backup shares the nightly backup's concurrency group", async () => {
      const run = await runWorkflow(template('deploy-with-backup'), options({ event: { name: 'push' } }));
      expect(run.result).toBe('success');
      const backup = run.jobs.backup!;
      const called = backup.called!;
      expect(called.name).toBe('Pre-deploy backup');
      expect(outcomes(called, 'backup')).toEqual([
        'third-party:success',
        'ours:skipped',
        'ours:success',
        'ours:success',
        'run:success',
      ]);
      // two backups never overlap: the same group as postgres-backup.yml's, not cancelled
      expect(called.jobs.backup!.concurrency).toEqual({
        group: 'postgres-backup-production',
        'cancel-in-progress': false,
      });
      const { key, sha256 } = backup.outputs;
      expect(key).toMatch(keyPattern());
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await getText(bucket, `${key}.sha256`)).toBe(`${sha256}  ${path.basename(key!)}\n`);
      expect(outcomes(run, 'deploy')).toEqual(['run:success', 'run:skipped']);
      expect(run.jobs.deploy!.steps[0]!.shown).toContain(`Backup before this deploy: ${key} (sha256 ${sha256})`);
    });

    test('a failed deploy says which backup to roll back to', async () => {
      const text = readFileSync(template('deploy-with-backup'), 'utf8').replace(
        'echo "Deploying…"',
        'echo "Deploying…"; exit 3',
      );
      const run = await runWorkflow(
        template('deploy-with-backup'),
        options({ event: { name: 'workflow_dispatch' }, source: text }),
      );
      expect(run.result).toBe('failure');
      expect(outcomes(run, 'deploy')).toEqual(['run:failure', 'run:success']);
      const key = run.jobs.backup!.outputs.key!;
      expect(run.jobs.deploy!.steps[1]!.errors).toEqual([
        `Deploy failed: to put the database back as it was before this deploy, run the PostgreSQL restore workflow with backup ${key}`,
      ]);
      expect(run.jobs.deploy!.summary).toContain(`\`backup\` = \`${key}\``);
    });
  });

  describe('postgres-restore-drill.yml', () => {
    const roles = (major: PgMajor) =>
      pg(major).query('postgres', `SELECT rolname FROM pg_roles WHERE rolname = 'postgres'`);
    const drillSql = 'SELECT count(*) > 0 FROM "Sales Data"."Order Items";';

    test.each([
      { major: 15 as const, event: { name: 'schedule' }, attest: 'true' },
      // the attestation switched off with the repository variable
      { major: 18 as const, event: { name: 'workflow_dispatch', inputs: { backup: 'latest' } }, attest: 'false' },
    ])(
      "the postgres:$major service (production's major): the latest backup restores and matches its manifest",
      async ({ major, event, attest }) => {
        const latest = await latestBackup();
        const o = options({ event });
        o.vars = { ...o.vars, POSTGRES_MAJOR: String(major), RESTORE_DRILL_SQL: drillSql, DRILL_ATTESTATION: attest };
        attested.length = 0;
        const run = await runWorkflow(template('postgres-restore-drill'), o);
        const job = run.jobs.drill!;
        expect(run.result, JSON.stringify(job.steps.map((s) => [s.name, s.shown, s.errors]))).toBe('success');
        expect(job.services.postgres!.spec.image).toBe(`postgres:${major}`);
        expect(job.services.postgres!.ports).toEqual({ 5432: String(pg(major).port) });
        expect(outcomes(run, 'drill')).toEqual([
          'third-party:success',
          'ours:success',
          attest === 'true' ? 'third-party:success' : 'third-party:skipped',
          'run:skipped',
        ]);
        const drill = job.step.drill!;
        expect(attested).toEqual(
          attest === 'true'
            ? [
                {
                  subjects: `${latest.sha256}  ${latest.key}\n`,
                  predicateType: 'https://github.com/outtime/s3-backup/drill/v1',
                  predicate: expect.objectContaining({ status: 'passed', key: latest.key, sha256: latest.sha256 }),
                },
              ]
            : [],
        );
        expect(drill.inputs['database-url']).toBe(
          `postgresql://postgres:drill-only-password@localhost:${pg(major).port}/postgres`,
        );
        expect(drill.inputs.backup).toBe('latest');
        expect(drill.outputs).toMatchObject({
          status: 'passed',
          mismatches: '0',
          key: latest.key,
          'restored-major': String(major),
        });
        expect(job.summary).toContain('Restore drill passed');
        expect(job.summary).toContain(`| assertion: ${drillSql.replace(/;$/, '')} | true | true | ✅ |`);
        // the "container" is gone: its superuser too
        expect(await roles(major)).toEqual([]);
      },
    );

    test('a backup whose manifest disagrees with its data: a red run, the failure reported with the key and the count', async () => {
      const { key } = await latestBackup();
      const original = await getText(bucket, `${key}.meta`);
      const manifest = JSON.parse(original);
      manifest.tables.push({
        schema: 'public',
        name: 'ghost',
        kind: 'table',
        rows: 3,
        columns: [{ name: 'id', type: 'integer' }],
      });
      await putText(bucket, `${key}.meta`, JSON.stringify(manifest));
      try {
        const o = options({ event: { name: 'workflow_dispatch', inputs: { backup: key } } });
        attested.length = 0;
        const run = await runWorkflow(template('postgres-restore-drill'), o);
        expect(run.result).toBe('failure');
        expect(outcomes(run, 'drill')).toEqual([
          'third-party:success',
          'ours:failure',
          'third-party:success',
          'run:success',
        ]);
        const job = run.jobs.drill!;
        expect(job.step.drill!.outputs).toMatchObject({ status: 'failed', mismatches: '1', key });
        expect(job.step.drill!.errors.join('\n')).toMatch(/table public\.ghost: expected present, found missing/);
        expect(job.steps[3]!.errors).toEqual([
          `Restore drill failed: backup ${key}: 1 failed checks, listed in the job summary`,
        ]);
        // a failed drill is evidence too: its statement is attested
        expect(attested.at(-1)?.predicate).toMatchObject({ status: 'failed', key, mismatches: 1 });
        expect(job.summary).toContain('| table public.ghost | present | missing | ❌ |');
        expect(job.summary).toContain('### ❌ Restore drill failed');
        expect(await roles(15)).toEqual([]);
      } finally {
        await putText(bucket, `${key}.meta`, original);
      }
    });
  });

  describe('postgres-restore.yml', () => {
    let target: string;
    beforeAll(async () => {
      // a name that is percent-encoded in the URL: the confirmation compares the decoded name
      target = await pg(15).createDatabase(`restore target ${randomBytes(3).toString('hex')}`);
    });
    const tables = () =>
      pg(15)
        .query(
          target,
          `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
        )
        .then((r) => r[0].n as number);
    const restoreOptions = (inputs: Record<string, string | boolean>) => {
      const o = options({ event: { name: 'workflow_dispatch', inputs } });
      // the target's URL is a secret of the reviewed environment only
      o.environments = { 'production-restore': { secrets: { RESTORE_DATABASE_URL: pg(15).url(target) } } };
      return o;
    };

    test("a confirmation that is not the target database's name stops the job before anything runs", async () => {
      const run = await runWorkflow(
        template('postgres-restore'),
        restoreOptions({ environment: 'production', confirm: 'shop', backup: 'latest' }),
      );
      expect(run.result).toBe('failure');
      expect(run.jobs.restore!.environment).toBe('production-restore');
      expect(outcomes(run, 'restore')).toEqual(['run:failure', 'third-party:skipped', 'ours:skipped']);
      expect(run.jobs.restore!.steps[0]!.errors).toEqual([
        `Restore not confirmed: confirm is "shop" but the target database is "${target}": type its name exactly to restore into it`,
      ]);
      expect(await tables()).toBe(0);
    });

    test("another environment does not see this one's database: refused too", async () => {
      const run = await runWorkflow(
        template('postgres-restore'),
        restoreOptions({ environment: 'staging', confirm: target }),
      );
      expect(run.jobs.restore!.environment).toBe('staging-restore');
      expect(outcomes(run, 'restore')).toEqual(['run:failure', 'third-party:skipped', 'ours:skipped']);
      expect(run.jobs.restore!.steps[0]!.errors).toEqual([
        'No target database: RESTORE_DATABASE_URL of environment staging-restore names no database (…/<database> at its end)',
      ]);
    });

    test('GitHub refuses a dispatch without confirm, or with an environment that is not a choice', async () => {
      await expect(
        runWorkflow(template('postgres-restore'), restoreOptions({ environment: 'production' })),
      ).rejects.toThrow(/input confirm is required/);
      await expect(
        runWorkflow(template('postgres-restore'), restoreOptions({ environment: 'prod', confirm: target })),
      ).rejects.toThrow(/must be one of staging, production/);
    });

    test('confirmed: restores the backup of that date into the empty target, verified first', async () => {
      const { key, sha256 } = await latestBackup();
      // today, taken after the backup: the backup is at or before the end of it, even when midnight falls in between
      const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      const run = await runWorkflow(
        template('postgres-restore'),
        restoreOptions({ environment: 'production', confirm: target, backup: today }),
      );
      const job = run.jobs.restore!;
      expect(run.result, JSON.stringify(job.steps.map((s) => [s.name, s.shown, s.errors]))).toBe('success');
      expect(outcomes(run, 'restore')).toEqual(['run:success', 'third-party:success', 'ours:success']);
      expect(job.steps[0]!.shown).toContain(`Confirmed: restoring into database "${target}"`);
      expect(job.step.restore!.inputs).toMatchObject({ backup: today, environment: 'production', clean: 'false' });
      expect(job.step.restore!.outputs).toMatchObject({ key, sha256, target });
      expect(job.step.restore!.shown).toContain(`sha256 verified: ${sha256}`);
      expect(await snapshotDatabase(pg(15), target)).toEqual(await snapshotDatabase(pg(15), source));
    });

    test('a target that holds tables: refused, unless clean is ticked', async () => {
      // staging's backups: a small database backed up by the action itself
      const small = await pg(15).createDatabase();
      await pg(15).exec(
        small,
        `CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c');`,
      );
      const b = await runAction(
        'backup',
        { 'database-url': pg(15).url(small), bucket, endpoint: s3().endpoint, environment: 'staging' },
        s3Env(s3()),
      );
      expect(b.code, b.stdout).toBe(0);
      const staging = await pg(15).createDatabase();
      await pg(15).exec(
        staging,
        `CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (9, 'old');`,
      );
      const stagingOptions = (inputs: Record<string, string | boolean>) => {
        const o = options({
          event: { name: 'workflow_dispatch', inputs: { environment: 'staging', confirm: staging, ...inputs } },
        });
        o.environments = { 'staging-restore': { secrets: { RESTORE_DATABASE_URL: pg(15).url(staging) } } };
        return o;
      };

      const refused = await runWorkflow(template('postgres-restore'), stagingOptions({}));
      expect(outcomes(refused, 'restore')).toEqual(['run:success', 'third-party:success', 'ours:failure']);
      expect(refused.jobs.restore!.step.restore!.errors.join('\n')).toMatch(/clean/);
      expect(await pg(15).query(staging, 'SELECT id FROM items')).toEqual([{ id: 9 }]);

      const clean = await runWorkflow(
        template('postgres-restore'),
        stagingOptions({ clean: true, backup: b.outputs.key! }),
      );
      expect(clean.result, JSON.stringify(clean.jobs.restore!.steps.map((s) => [s.name, s.errors]))).toBe('success');
      expect(clean.jobs.restore!.step.restore!.inputs).toMatchObject({
        clean: 'true',
        backup: b.outputs.key,
        environment: 'staging',
      });
      expect(await pg(15).query(staging, 'SELECT id, name FROM items ORDER BY id')).toEqual([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
        { id: 3, name: 'c' },
      ]);
    });
  });
});
