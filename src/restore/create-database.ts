/** Creating a missing target database (create-database, or a whole-server restore of an archive without its own entry). */
import { UserError } from '../core/errors.js';
import type { Connection } from '../model/connection.js';
import { createDatabase as create } from '../postgres/admin.js';
import { connect, describePgError, serverInfo } from '../postgres/introspect.js';

export async function createDatabase(c: Connection): Promise<string> {
  const admin = await connect(c, 'postgres').catch(() => connect(c, 'template1'));
  try {
    await create(admin, c.database);
    return (await serverInfo(admin)).version;
  } catch (err) {
    throw new UserError(`create-database: could not create "${c.database}": ${describePgError(err, c).message}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
