/**
 * The plan of a backup set made by several jobs: the databases a set backup would choose, with their sizes, split
 * into groups of similar size (one group a job), under a set key claimed now; the plan is stored so that the close
 * step knows every member to wait for.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../core/errors.js';
import { groupBySize, matrixOf, PLAN_SCHEMA, PLAN_VERSION, setIdOf } from '../core/matrix-plan.js';
import type { RunContext } from '../model/context.js';
import type { JobMatrix, PlanOptions, SetPlan, SizedDatabase } from '../model/set-plan.js';
import type { ServerInfo } from '../model/catalog.js';
import { connectableDatabases } from '../postgres/admin.js';
import { databaseSizes } from '../postgres/database-sizes.js';
import { connect, describePgError, serverInfo } from '../postgres/introspect.js';
import { clientFor } from '../s3/client.js';
import { s3ErrorsOf } from '../s3/describe-error.js';
import { writePlan } from '../store/set-plans.js';
import { chooseDatabases } from './set-databases.js';
import { claimSetKey } from './set-document.js';

export interface PlanResult {
  plan: SetPlan;
  matrix: JobMatrix;
  bucket: string;
}

/** The server, and the chosen databases with their sizes. */
async function sizedDatabases(o: PlanOptions): Promise<{ server: ServerInfo; databases: SizedDatabase[] }> {
  const client = await connect(o.connection);
  try {
    const server = await serverInfo(client);
    const chosen = chooseDatabases(o, await connectableDatabases(client));
    const sizes = await databaseSizes(
      client,
      chosen.map((d) => d.database),
    );
    return { server, databases: chosen.map((d) => ({ ...d, size: sizes.get(d.database) ?? 0 })) };
  } catch (err) {
    throw err instanceof UserError ? err : describePgError(err, o.connection);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function planSet(o: PlanOptions, ctx: RunContext): Promise<PlanResult> {
  const at = ctx.now();
  const s3: S3Client = clientFor(ctx, o.s3);
  const s3Error = s3ErrorsOf(o.s3);
  const { server, databases } = await sizedDatabases(o);
  // a matrix entry carries its databases comma-separated, as the databases input reads them
  const comma = databases.find((d) => /[,\n]/.test(d.database));
  if (comma)
    throw new UserError(
      `databases: "${comma.database}" holds a comma or a line break, which a job's databases list cannot carry; exclude it with exclude-databases and back it up on its own`,
    );
  const groups = groupBySize(databases, o.maxJobs);
  const claim = await claimSetKey(s3, o, at, ctx.signal, s3Error);
  try {
    const plan: SetPlan = {
      schema: PLAN_SCHEMA,
      version: PLAN_VERSION,
      id: setIdOf(claim.key),
      key: claim.key,
      environment: o.environment,
      plannedAt: at.toISOString(),
      server: { host: o.connection.host, serverVersion: server.version, serverMajor: server.major },
      groups,
    };
    await writePlan(s3, o, plan, s3Error);
    ctx.log.info(
      `plan ${plan.id}: ${databases.length} databases in ${groups.length} group${groups.length === 1 ? '' : 's'}`,
    );
    return { plan, matrix: matrixOf(groups), bucket: o.s3.bucket };
  } finally {
    await claim.release().catch((err) => ctx.log.warning(s3Error(err, 'deleting the claim').message));
  }
}
