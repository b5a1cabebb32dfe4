/** What the pg tools read from their own environment rather than from the URL we give them. */
import { TLS_SETTINGS, type Env } from './libpq-settings.js';

/** The PG* variables of TLS_SETTINGS: an empty one means "not set" to us, so the tools must not see it either. */
export const TLS_ENV_VARS = Object.values(TLS_SETTINGS).flatMap((s) => (s.env ? [s.env] : []));

/**
 * The settings that came from PG* variables (not the URL) and that the pg tools read from their own environment:
 * left out of their URL, so that a tool whose libpq predates a setting (sslcertmode, sslnegotiation) is not handed an
 * option it rejects. File settings are not among them: those travel in the URL, made absolute.
 */
export function settingsFromEnv(params: Record<string, string>, env: Env): string[] {
  return Object.entries(TLS_SETTINGS).flatMap(([name, spec]) =>
    params[name] === undefined && spec.env && !spec.path && env[spec.env]?.trim() ? [name] : [],
  );
}
