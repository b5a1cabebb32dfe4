import { access } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';

/** First executable named `name` on PATH. */
export async function which(
  name: string,
  env: Record<string, string | undefined> = process.env,
): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      await access(file, constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  return undefined;
}
