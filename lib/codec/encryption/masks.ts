/**
 * What `toJSON()` shows for encrypted fields (unless a field says `expose: 'plain'`). Masks keep
 * the last characters people use to recognise a document, in its usual layout; anything that
 * does not have the expected shape is shown as {@link MASKED}.
 */

/** The mask of values without a recognisable layout (medical data, free text). */
export const MASKED = '[encrypted]';

/**
 * CPF: the last 4 digits in the CPF layout.
 *
 * @example
 * maskCPF('52998224725'); // '***.***.*47-25'
 */
export function maskCPF(value: unknown): string {
  const d = typeof value === 'string' ? value.replace(/\D/g, '') : '';
  return d.length === 11 ? `***.***.*${d.slice(7, 9)}-${d.slice(9)}` : MASKED;
}

/**
 * CNPJ: the last 4 characters (end of the branch number and the check digits) in the CNPJ layout.
 *
 * @example
 * maskCNPJ('11222333000181'); // '**.***.***' + '/**01-81'
 */
export function maskCNPJ(value: unknown): string {
  const c = typeof value === 'string' ? value.replace(/[^0-9A-Za-z]/g, '').toUpperCase() : '';
  return c.length === 14 ? `**.***.***/**${c.slice(10, 12)}-${c.slice(12)}` : MASKED;
}

/**
 * RG: the last 3 characters before the check digit and the check digit, one `*` per hidden character.
 *
 * @example
 * maskRG('12345678X'); // '*****678-X'
 */
export function maskRG(value: unknown): string {
  const r = typeof value === 'string' ? value.replace(/[^0-9A-Za-z]/g, '').toUpperCase() : '';
  return r.length >= 7 && r.length <= 9 ? `${'*'.repeat(r.length - 4)}${r.slice(-4, -1)}-${r.slice(-1)}` : MASKED;
}

/**
 * Anything else: `'[encrypted]'`.
 *
 * @example
 * maskOpaque({ allergies: ['penicillin'] }); // '[encrypted]'
 */
export function maskOpaque(_value: unknown): string {
  return MASKED;
}
