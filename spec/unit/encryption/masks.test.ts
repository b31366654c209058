import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { MASKED, maskCNPJ, maskCPF, maskOpaque, maskRG } from '../../../lib/codec/encryption/masks';

describe('masks', () => {
  const table: Array<[(v: unknown) => string, unknown, string]> = [
    [maskCPF, '52998224725', '***.***.*47-25'],
    [maskCPF, '529.982.247-25', '***.***.*47-25'],
    [maskCPF, '123', MASKED],
    [maskCNPJ, '11222333000181', '**.***.***/**01-81'],
    [maskCNPJ, '12.abc.345/01de-35', '**.***.***/**DE-35'],
    [maskRG, '12345678X', '*****678-X'],
    [maskRG, '1234567', '***456-7'],
    [maskRG, '12', MASKED],
    [maskOpaque, { a: 1 }, MASKED],
    [maskCPF, 42, MASKED],
  ];
  for (const [fn, input, expected] of table) {
    it(`${fn.name}(${JSON.stringify(input)}) = ${expected}`, () => assert.equal(fn(input), expected));
  }
});
