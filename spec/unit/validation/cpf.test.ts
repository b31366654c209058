import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cpfCheckDigits, formatCPF, isCPF, normalizeCPF } from '../../../lib/validation/cpf';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const base = fc.array(digit, { minLength: 9, maxLength: 9 }).map((d) => d.join('')).filter((b) => !/^(\d)\1{8}$/.test(b));
const validCPF = base.map((b) => b + cpfCheckDigits(b));

describe('isCPF', () => {
  it('accepts known valid CPFs, formatted or not', () => {
    for (const cpf of ['529.982.247-25', '52998224725', '111.444.777-35', '11144477735', '390.533.447-05']) {
      assert.equal(isCPF(cpf), true, cpf);
    }
  });

  it('rejects wrong check digits, bad layouts and non-strings', () => {
    for (const bad of ['529.982.247-24', '52998224724', '5299822472', '529982247255', '529.982.24725', '529-982-247.25', ' 52998224725', 'abc', '', null, undefined, 52998224725, {}]) {
      assert.equal(isCPF(bad), false, String(bad));
    }
  });

  it('rejects CPFs of one repeated digit, although their check digits add up', () => {
    for (let d = 0; d <= 9; d++) assert.equal(isCPF(String(d).repeat(11)), false);
  });

  it('accepts every generated valid CPF, in both layouts', () => {
    fc.assert(fc.property(validCPF, (cpf) => isCPF(cpf) && isCPF(formatCPF(cpf))));
  });

  it('rejects a changed check digit, always', () => {
    fc.assert(
      fc.property(validCPF, fc.integer({ min: 9, max: 10 }), fc.integer({ min: 1, max: 9 }), (cpf, pos, delta) => {
        const changed = cpf.slice(0, pos) + ((Number(cpf[pos]) + delta) % 10) + cpf.slice(pos + 1);
        return !isCPF(changed);
      }),
    );
  });

  it('rejects a changed base digit unless the first check digit is 0 (the mod-11 rule maps remainders 0 and 1 to 0)', () => {
    fc.assert(
      fc.property(validCPF, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (cpf, pos, delta) => {
        const changed = cpf.slice(0, pos) + ((Number(cpf[pos]) + delta) % 10) + cpf.slice(pos + 1);
        return !isCPF(changed) || cpf[9] === '0';
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeCPF / formatCPF', () => {
  it('strips separators only, so junk stays invalid', () => {
    assert.equal(normalizeCPF(' 529.982.247-25 '), '52998224725');
    assert.equal(normalizeCPF('529.982.247-25x'), '52998224725x');
    assert.equal(isCPF(normalizeCPF('529.982.247-25x')), false);
  });

  it('formats 11 digits and round-trips', () => {
    assert.equal(formatCPF('52998224725'), '529.982.247-25');
    fc.assert(fc.property(validCPF, (cpf) => normalizeCPF(formatCPF(cpf)) === cpf));
    assert.equal(formatCPF('123'), '123');
  });

  it('computes check digits of a base', () => {
    assert.equal(cpfCheckDigits('529982247'), '25');
    assert.throws(() => cpfCheckDigits('12'), TypeError);
  });
});
