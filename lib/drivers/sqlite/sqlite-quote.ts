/**
 * Quotes an SQLite identifier: double quotes, inner double quotes doubled. Only for names that come from metadata;
 * user-supplied names (JSON path keys) are always parameters.
 *
 * @example
 * quoteIdent('patient_id'); // "patient_id"
 */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('an identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}
