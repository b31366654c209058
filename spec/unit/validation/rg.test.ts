import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { formatRG, isRG, normalizeRG } from '../../../lib/validation/rg';

describe('isRG', () => {
  const valid = ['12.345.678-9', '123456789', '12.345.678-X', '12.345.678-x', '1234567', '1.234.567-8', '12345678', '123 4567', '12 345 678/9'];
  const invalid = ['123456', '1234567890', '12A45678', 'X1234567', '12X456789', '0000000', '1111111', '12_345_678', '12.345.678-9!', '', null, 12345678];

  for (const rg of valid) it(`accepts ${JSON.stringify(rg)}`, () => assert.equal(isRG(rg), true));
  for (const rg of invalid) it(`rejects ${JSON.stringify(rg)}`, () => assert.equal(isRG(rg), false));
});

describe('normalizeRG / formatRG', () => {
  const table: Array<[string, string, string]> = [
    ['12.345.678-x', '12345678X', '12.345.678-X'],
    ['1.234.567-8', '12345678', '1.234.567-8'],
    ['123456-7', '1234567', '123.456-7'],
    ['123456789', '123456789', '12.345.678-9'],
  ];
  for (const [input, normal, formatted] of table) {
    it(`${input} -> ${normal} -> ${formatted}`, () => {
      assert.equal(normalizeRG(input), normal);
      assert.equal(formatRG(input), formatted);
    });
  }

  it('returns what it cannot format normalised', () => {
    assert.equal(formatRG('ab-12'), 'AB12');
  });
});
