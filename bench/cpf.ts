/** Valid CPFs for the encryption section (the two mod-11 check digits over a 9-digit base). */

function checkDigit(digits: readonly number[]): number {
  // Weights run from digits.length + 1 down to 2.
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits[i]! * (digits.length + 1 - i);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/**
 * The `n`-th bench CPF, 11 digits: base `100000000 + n` (never one repeated digit) and its check digits.
 * `n` must be below 800,000,000.
 */
export function benchCpf(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 800_000_000) throw new RangeError(`benchCpf: ${n} out of range`);
  const digits = String(100_000_000 + n).split('').map(Number);
  digits.push(checkDigit(digits));
  digits.push(checkDigit(digits));
  return digits.join('');
}
