// The CLI arguments the integration tests build again and again: where the backups are, a backup, a keep-last policy.

/** Where the backups are: the bucket, its endpoint, the environment and (when given) the name. */
export function placeArgs(bucket: string, endpoint: string, environment: string, name?: string): string[] {
  return ['--bucket', bucket, '--endpoint', endpoint, '--environment', environment, ...(name ? ['--name', name] : [])];
}

/** A backup of the database at `url` into a place, the extra arguments after. */
export function backupArgs(
  url: string,
  place: { bucket: string; endpoint: string; environment: string; name?: string },
  ...extra: string[]
): string[] {
  return [
    'backup',
    '--database-url',
    url,
    ...placeArgs(place.bucket, place.endpoint, place.environment, place.name),
    ...extra,
  ];
}

/** A retention policy that keeps the last `n` backups and no daily, weekly or monthly ones. */
export function keepLastArgs(n: number): string[] {
  return ['--keep-last', String(n), '--keep-daily', '0', '--keep-weekly', '0', '--keep-monthly', '0'];
}
