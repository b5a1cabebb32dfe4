/**
 * How a message names an input, worded by the host that shows it: the action by the input's name (`clean`,
 * `globals: false`), the CLI by its flag and environment variable (`--clean`, `--bucket (or S3_BACKUP_BUCKET)`,
 * `--globals false`). The host sets its wording once, before a command runs; the action's is the default.
 */
export type InputWording = (name: string, value?: string) => string;

const actionWording: InputWording = (name, value) => (value === undefined ? name : `${name}: ${value}`);

let wording: InputWording = actionWording;

export function useInputWording(w: InputWording): void {
  wording = w;
}

/** The input `name` (with `value`: the input set to it) as the host words it. */
export function inputRef(name: string, value?: string): string {
  return wording(name, value);
}
