/**
 * Commander's own refusals (an unknown option and its suggestion, a missing value, an unknown command) as the one
 * `s3-backup: error: …` line every other error is: what is wrong, the suggestion, where the flags are listed.
 */
export function commanderErrorLine(text: string): string {
  const [first = '', ...rest] = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const what = first.replace(/^error:\s*/i, '');
  const hints = rest.map((l) => l.replace(/^\((.*)\)$/, '$1').replace(/^Did you mean/, 'did you mean'));
  return `s3-backup: error: ${what}${hints.length ? ` (${hints.join('; ')})` : ''}; --help lists the flags`;
}
