/** A database connection as the user gave it. */

export interface Connection {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  /**
   * libpq query parameters (sslmode, sslrootcert, application_name, options …); once parsed with the run's
   * environment (resolveLibpqParams), the TLS settings of the PG* variables too, with absolute file names.
   */
  params: Record<string, string>;
  /** Settings in `params` that came from PG* variables the pg tools read themselves (settingsFromEnv in ./tls/tools.ts). */
  fromEnv?: string[];
}
