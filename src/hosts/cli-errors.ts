/**
 * Commander's own refusals (an unknown option and its suggestion, a missing value, an unknown command) as the one
 * `s3-backup: error: …` line every other error is: what is wrong, the suggestion, where the flags are listed.
 */
import { inputSpec, type InputSpec } from '../options/spec.js';

export function commanderErrorLine(text: string): string {
  const [first = '', ...rest] = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const what = first.replace(/^error:\s*/i, '');
  const hints = rest.map((l) => l.replace(/^\((.*)\)$/, '$1').replace(/^Did you mean/, 'did you mean'));
  return `s3-backup: error: ${what}${hints.length ? ` (${hints.join('; ')})` : ''}; --help lists the flags`;
}

/** An input as the CLI names it in messages: its flag (a boolean set to false: its --no- form), and its variable. */
export function cliInputWording(name: string, value?: string): string {
  let spec: InputSpec | undefined;
  try {
    spec = inputSpec(name);
  } catch {
    spec = undefined;
  }
  const env = spec?.env?.[0] && value === undefined ? ` (or ${spec.env[0]})` : '';
  if (spec?.boolean && value === 'false') return `--no-${name}`;
  if (spec?.boolean && value === 'true') return `--${name}`;
  return `--${name}${value === undefined ? '' : ` ${value}`}${env}`;
}
