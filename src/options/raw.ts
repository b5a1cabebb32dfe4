/**
 * How each host reads an input, and the rule for an input given empty.
 *
 * An input given as "" is an error, never "use the default": `--environment "$ENV"` with ENV unset must not back up
 * to production/. A reader returns undefined for an input that was not given and the (trimmed) text when it was,
 * "" included; `value()` refuses the "".
 *
 * - CLI: commander tells a flag left out (undefined) from `--flag ""` (""), so every flag given empty is refused.
 * - Action: the runner sets INPUT_<NAME> for every input its action.yml declares, to the workflow's value or, when
 *   the step's `with:` does not name it, to the declared default. So "" for an input whose default is not empty can
 *   only come from the workflow (`environment: ${{ vars.UNSET }}`): refused like on the CLI. For an input whose
 *   default is "" the two cannot be told apart, and "" means "not given" (its environment fallback applies).
 */
import type { RawInputs } from '../model/options.js';
import { UserError } from '../core/errors.js';
import { inputSpec, type InputSpec } from './spec.js';

/** The action's inputs, as the runner passes them (INPUT_<NAME>, trimmed like core.getInput). */
export function actionInputs(env: Record<string, string | undefined> = process.env): RawInputs {
  return (name) => {
    const v = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
    if (v === undefined) return undefined;
    const text = v.trim();
    // the runner fills a declared default of "" itself: "" given and "" defaulted look the same
    if (!text && !inputSpec(name).default) return undefined;
    return text;
  };
}

/** The one line for an input given empty. */
export function emptyInputError(spec: InputSpec): UserError {
  const instead = spec.default
    ? `leave it out to use the default (${spec.default})`
    : spec.env
      ? `leave it out to fall back to ${spec.env.join(', ')}`
      : 'leave it out';
  return new UserError(
    `${spec.name}: given empty (""); give a value or ${instead} — an unset variable or secret in a script or workflow expands to ""`,
  );
}
