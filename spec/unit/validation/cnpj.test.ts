import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cnpjCheckDigits, formatCNPJ, isCNPJ, normalizeCNPJ } from '../../../lib/validation/cnpj';

const DIGITS = '0123456789';
const ALNUM = DIGITS + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const baseOf = (chars: string) =>
  fc.array(fc.constantFrom(...chars), { minLength: 12, maxLength: 12 }).map((c) => c.join('')).filter((b) => !/^(.)\1{11}$/.test(b));
const numericCNPJ = baseOf(DIGITS).map((b) => b + cnpjCheckDigits(b));
const alnumCNPJ = baseOf(ALNUM).map((b) => b + cnpjCheckDigits(b));
const value = (c: string) => c.charCodeAt(0) - 48;

describe('isCNPJ', () => {
  it('accepts known valid numeric CNPJs', () => {
    for (const cnpj of ['11.222.333/0001-81', '11222333000181', '00.000.000/0001-91', '33.000.167/0001-01', '60.701.190/0001-04']) {
      assert.equal(isCNPJ(cnpj), true, cnpj);
    }
  });

  it("accepts the Receita Federal's alphanumeric example, any case", () => {
    for (const cnpj of ['12.ABC.345/01DE-35', '12ABC34501DE35', '12.abc.345/01de-35', '12abc34501de35']) {
      assert.equal(isCNPJ(cnpj), true, cnpj);
    }
  });

  it('rejects wrong check digits, letters in the check digits, bad layouts, non-strings', () => {
    for (const bad of ['11.222.333/0001-80', '12.ABC.345/01DE-36', '12ABC34501DE3A', '1122233300018', '11.222.333/000181', '11-222-333/0001.81', '11222333000181 ', '12ABC34501DÉ35', '', null, 11222333000181]) {
      assert.equal(isCNPJ(bad), false, String(bad));
    }
  });

  it('rejects one repeated character', () => {
    for (const c of '0123456789') assert.equal(isCNPJ(c.repeat(14)), false);
  });

  it('accepts every generated valid CNPJ, numeric and alphanumeric, in both layouts', () => {
    fc.assert(fc.property(numericCNPJ, (c) => isCNPJ(c) && isCNPJ(formatCNPJ(c))));
    fc.assert(fc.property(alnumCNPJ, (c) => isCNPJ(c) && isCNPJ(formatCNPJ(c)) && isCNPJ(c.toLowerCase())));
  });

  it('rejects a changed check digit, always', () => {
    fc.assert(
      fc.property(alnumCNPJ, fc.integer({ min: 12, max: 13 }), fc.integer({ min: 1, max: 9 }), (c, pos, delta) => {
        return !isCNPJ(c.slice(0, pos) + ((Number(c[pos]) + delta) % 10) + c.slice(pos + 1));
      }),
    );
  });

  it('rejects a changed base character, except the two blind spots of mod 11', () => {
    // Undetectable by design: a change worth a multiple of 11 ('6' <-> 'A'), or one that moves both
    // remainders between 0 and 1 (only possible when the check digits are '00').
    fc.assert(
      fc.property(alnumCNPJ, fc.integer({ min: 0, max: 11 }), fc.constantFrom(...ALNUM), (c, pos, ch) => {
        fc.pre(ch !== c[pos]);
        const changed = c.slice(0, pos) + ch + c.slice(pos + 1);
        const blindSpot = (value(ch) - value(c[pos]!)) % 11 === 0 || c.slice(12) === '00';
        return !isCNPJ(changed) || blindSpot;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalizeCNPJ / formatCNPJ', () => {
  it('upper-cases and strips separators', () => {
    assert.equal(normalizeCNPJ('12.abc.345/01de-35'), '12ABC34501DE35');
    assert.equal(normalizeCNPJ(' 11.222.333/0001-81 '), '11222333000181');
  });

  it('formats and round-trips', () => {
    assert.equal(formatCNPJ('11222333000181'), '11.222.333/0001-81');
    assert.equal(formatCNPJ('12abc34501de35'), '12.ABC.345/01DE-35');
    fc.assert(fc.property(alnumCNPJ, (c) => normalizeCNPJ(formatCNPJ(c)) === c));
  });

  it('computes check digits with ASCII-48 values', () => {
    assert.equal(cnpjCheckDigits('112223330001'), '81');
    assert.equal(cnpjCheckDigits('12ABC34501DE'), '35');
    assert.throws(() => cnpjCheckDigits('12abc34501de'), TypeError);
  });
});
