/** The one shape every verb has: options in (raw inputs), one result out; the hosts only print and write it. */
import type { RunContext } from '../model/context.js';
import type { RawInputs } from '../options/parse.js';
import { camelCase, VERBS, type CommandName, type Verb } from '../options/verbs.js';

export interface CommandResult {
  /** Action outputs: exactly the outputs the verb's action.yml declares. */
  outputs: Record<string, string>;
  /** The job summary (markdown); '' for none. */
  summary: string;
  /** What the CLI prints on stdout without --json; '' for nothing. */
  text: string;
  /** What the CLI prints with --json: the outputs' names in camelCase, typed, then the details. */
  json: unknown;
  /** The line a monitor's success report carries. */
  report: string;
  /** Warnings for the log (an annotation in Actions), written before the outputs. */
  warnings?: Array<{ message: string; title?: string }>;
  /** Set when the verb ran but must fail: its outputs, summary and text are written first. */
  failure?: Error;
}

/** What a verb does; what it is called, says and outputs is its row in the verb table (options/verbs.ts). */
export interface Command {
  verb: CommandName;
  run(raw: RawInputs, ctx: RunContext): Promise<CommandResult>;
}

/**
 * The --json form of a verb's outputs: the same names in camelCase, typed as the output table declares (numbers as
 * numbers, booleans as booleans, JSON as JSON), an empty output as null.
 */
export function outputsJson(verb: Verb, outputs: Record<string, string>): Record<string, unknown> {
  const types = new Map(VERBS[verb].outputs.map((o) => [o.name, o.type]));
  const out: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(outputs)) {
    const type = types.get(name);
    out[camelCase(name)] =
      text === ''
        ? null
        : type === 'number'
          ? Number(text)
          : type === 'boolean'
            ? text === 'true'
            : type === 'json'
              ? (JSON.parse(text) as unknown)
              : text;
  }
  return out;
}
