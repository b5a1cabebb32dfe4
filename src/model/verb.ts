/** How a verb is described once: its outputs, its action, its help (the table: src/options/verbs.ts). */
interface OutputSpec {
  name: string;
  description: string;
  /** How --json carries it (camelCase name): a number, a boolean, parsed JSON; text when unset. */
  type?: 'number' | 'boolean' | 'json';
}

export interface VerbSpec {
  /** The CLI's words when they are not the verb: `['bucket', 'init']` is `s3-backup bucket init`. */
  cli?: string[];
  /** The GitHub Action: its folder ('.': the repository root) and its name; none: a CLI command only. */
  action?: { folder: string; title: string };
  /** One sentence: the CLI's help, the action's description, the reference pages. */
  description: string;
  /** The page under docs/ that explains the verb, and its title. */
  guide?: { page: string; title: string };
  /** The action's outputs; under camelCase names also the first fields of --json. */
  outputs: OutputSpec[];
  /** What --json has beyond the outputs, for the CLI reference. */
  json?: string;
  /** No inputs and no action (the demo). */
  cliOnly?: boolean;
}
