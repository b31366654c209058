/**
 * Quotes a MySQL identifier: backticks, inner backticks doubled. Only for names that come from metadata.
 *
 * @example
 * quoteMysqlIdent('patient_id'); // `patient_id`
 */
export function quoteMysqlIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('an identifier cannot contain a NUL character');
  return `\`${name.replace(/`/g, '``')}\``;
}
