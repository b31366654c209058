import { afterEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { validate } from 'class-validator';
import { IS_BR_PHONE, IS_CNPJ, IS_CPF, IS_RG, IsBRPhone, IsCNPJ, IsCPF, IsRG, setValidationLocale, getValidationLocale } from '../../../lib/validation';

class Person {
  @IsCPF() cpf: unknown = '529.982.247-25';
  @IsCNPJ() cnpj: unknown = '12.ABC.345/01DE-35';
  @IsRG() rg: unknown = '12.345.678-9';
  @IsBRPhone() phone: unknown = '(11) 98765-4321';
}

class Portuguese {
  @IsCPF({ locale: 'pt' }) cpf: unknown = '111.111.111-11';
  @IsCPF({ message: 'custom' }) other: unknown = 'x';
  @IsCPF({ each: true }) many: unknown = ['52998224725', '52998224724'];
}

async function messages(obj: object): Promise<Record<string, Record<string, string>>> {
  const errors = await validate(obj);
  return Object.fromEntries(errors.map((e) => [e.property, e.constraints ?? {}]));
}

describe('Brazilian validator decorators', () => {
  afterEach(() => setValidationLocale('en'));

  it('pass valid values', async () => {
    assert.deepEqual(await validate(new Person()), []);
  });

  it('fail invalid values with English messages by default, never quoting the value', async () => {
    assert.equal(getValidationLocale(), 'en');
    const p = Object.assign(new Person(), { cpf: '529.982.247-24', cnpj: '11222333000180', rg: '12A', phone: '(20) 98765-4321' });
    const m = await messages(p);
    assert.deepEqual(m.cpf, { [IS_CPF]: 'cpf must be a valid CPF' });
    assert.deepEqual(m.cnpj, { [IS_CNPJ]: 'cnpj must be a valid CNPJ' });
    assert.deepEqual(m.rg, { [IS_RG]: 'rg must be a valid RG' });
    assert.deepEqual(m.phone, { [IS_BR_PHONE]: 'phone must be a valid Brazilian phone number' });
    assert.doesNotMatch(JSON.stringify(m), /529|98765|11222/);
  });

  it('switch to Portuguese globally, at validation time', async () => {
    setValidationLocale('pt');
    const m = await messages(Object.assign(new Person(), { cpf: 'x', phone: 'y' }));
    assert.equal(m.cpf![IS_CPF], 'cpf deve ser um CPF válido');
    assert.equal(m.phone![IS_BR_PHONE], 'phone deve ser um telefone brasileiro válido');
  });

  it('honour a per-decorator locale, a custom message and each', async () => {
    const m = await messages(new Portuguese());
    assert.equal(m.cpf![IS_CPF], 'cpf deve ser um CPF válido');
    assert.equal(m.other![IS_CPF], 'custom');
    assert.equal(m.many![IS_CPF], 'each value in many must be a valid CPF');
  });

  it('reject an unknown locale', () => {
    assert.throws(() => setValidationLocale('fr' as 'pt'), TypeError);
  });
});
