/** The monitor secrets the suite uses (apart from monitor-server.ts so global setup can read them without vitest's worker API). */
export const SENTRY_KEY = '5f0e2b7c9a1d4e3f8b6a0c2d4e6f8a1b';
export const SENTRY_PROJECT = '4508123';
export const HC_UUID = '2c1f3a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b';
