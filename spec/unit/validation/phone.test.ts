import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { formatBRPhone, isBRPhone, normalizeBRPhone } from '../../../lib/validation/phone';
import { BR_AREA_CODES } from '../../../lib/validation/phone-area-codes';

describe('isBRPhone', () => {
  const valid = [
    '(11) 98765-4321',
    '11987654321',
    '+55 11 98765-4321',
    '+5511987654321',
    '5511987654321',
    '55 (21) 3456-7890',
    '(21) 3456-7890',
    '2134567890',
    '011 98765-4321',
    '(55) 3222-1234', // DDD 55 (Santa Maria, RS) without country code
    '(99) 2345-6789',
    '69.5345.6789',
  ];
  const invalid = [
    '(20) 98765-4321', // no DDD 20
    '(10) 98765-4321',
    '(11) 88765-4321', // 9 digits must start with 9
    '(11) 6456-7890', // landlines start with 2-5
    '(11) 1456-7890',
    '(11) 98765-432',
    '+1 11 98765-4321',
    '+55 11 98765-43210',
    '11 98765-4321 ramal 2',
    '',
    null,
    11987654321,
  ];
  for (const p of valid) it(`accepts ${JSON.stringify(p)}`, () => assert.equal(isBRPhone(p), true));
  for (const p of invalid) it(`rejects ${JSON.stringify(p)}`, () => assert.equal(isBRPhone(p), false));

  it('knows the 67 area codes', () => {
    assert.equal(BR_AREA_CODES.size, 67);
    for (const absent of ['20', '23', '25', '26', '29', '30', '36', '39', '40', '50', '52', '56', '60', '70', '72', '76', '78', '80', '90']) {
      assert.equal(BR_AREA_CODES.has(absent), false, absent);
    }
  });
});

describe('normalizeBRPhone / formatBRPhone', () => {
  it('normalises to E.164', () => {
    assert.equal(normalizeBRPhone('(11) 98765-4321'), '+5511987654321');
    assert.equal(normalizeBRPhone('55 21 3456-7890'), '+552134567890');
    assert.equal(normalizeBRPhone('0 11 3456-7890'), '+551134567890');
    assert.equal(normalizeBRPhone('(20) 9999-9999'), '2099999999');
  });

  it('formats national and international layouts', () => {
    assert.equal(formatBRPhone('+5511987654321'), '(11) 98765-4321');
    assert.equal(formatBRPhone('2134567890'), '(21) 3456-7890');
    assert.equal(formatBRPhone('11987654321', { international: true }), '+55 11 98765-4321');
    assert.equal(formatBRPhone('nope'), 'nope');
  });
});
