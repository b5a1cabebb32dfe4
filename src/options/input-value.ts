/** One input's value: given, or from its environment variables, or its default (the spec's order). */
import { addSecret } from '../core/redact.js';
import { emptyInputError } from './raw.js';
import type { RawInputs } from '../model/options.js';
import { inputSpec } from './spec.js';

export type Env = Record<string, string | undefined>;

/** Value of an input, falling back to its environment variables, then its default. Given empty: an error. */
export function value(raw: RawInputs, env: Env, name: string): string {
  const spec = inputSpec(name);
  const given = raw(name);
  let v = given?.trim() ?? '';
  if (given !== undefined && !v) throw emptyInputError(spec);
  if (!v && spec.env)
    for (const e of spec.env)
      if (env[e]?.trim()) {
        v = env[e]!.trim();
        break;
      }
  if (!v) v = spec.default;
  if (spec.secret) addSecret(v);
  return v;
}
