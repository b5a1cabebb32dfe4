// A source server as a backup of a whole server meets it: roles, memberships, role settings, owners, database
// settings and comments, row-level security, default privileges, and a plain database next to the application ones.
import type { PgServer } from './postgres.js';

/** The application databases: owned by app_owner, with settings, a comment and the orders and lines tables. */
export const APP_DATABASES = ['shop', 'analytics'];

/** Two application databases (owner role, group role with a login member, RLS naming the group, default privileges,
 * a database setting, a comment) and a plain one. */
export async function applicationServer(server: PgServer): Promise<void> {
  await server.exec(
    'postgres',
    `CREATE ROLE app_owner NOLOGIN;
     CREATE ROLE app_ro NOLOGIN;
     CREATE ROLE app_user LOGIN PASSWORD 'app-user-pw' IN ROLE app_ro;
     ALTER ROLE app_user SET statement_timeout = '5s';`,
  );
  // CREATE DATABASE runs outside a transaction: one statement a call
  for (const db of APP_DATABASES) await server.exec('postgres', `CREATE DATABASE ${db} OWNER app_owner`);
  await server.createDatabase('plain');
  for (const db of APP_DATABASES) {
    await server.exec(
      'postgres',
      `ALTER DATABASE ${db} SET work_mem = '8MB'; COMMENT ON DATABASE ${db} IS 'the ${db} database'`,
    );
    await server.exec(
      db,
      `SET ROLE app_owner;
       CREATE TABLE public.orders (id int PRIMARY KEY, tenant text NOT NULL, total numeric);
       INSERT INTO public.orders SELECT g, 't' || (g % 3), g * 1.5 FROM generate_series(1, 500) g;
       ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
       CREATE POLICY tenant_read ON public.orders FOR SELECT TO app_ro USING (tenant = current_user);
       GRANT SELECT ON public.orders TO app_ro;
       ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO app_ro;
       CREATE TABLE public.lines (id int PRIMARY KEY, order_id int REFERENCES public.orders, qty int);
       INSERT INTO public.lines SELECT g, g, g % 7 FROM generate_series(1, 500) g;
       RESET ROLE;`,
    );
  }
  await server.exec('plain', 'CREATE TABLE notes (id int, body text); INSERT INTO notes VALUES (1, $$hello$$)');
}
