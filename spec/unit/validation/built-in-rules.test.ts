import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { IsOptional, IsString, validate } from 'class-validator';
import { passesBuiltInRules } from '../../../lib/validation/built-in-rules';
import { IsBRPhone, IsCNPJ, IsCPF, IsRG } from '../../../lib/validation';

const VALID = { cpf: '529.982.247-25', cnpj: '11.222.333/0001-81', rg: '12.345.678-9', phone: '(11) 98765-4321' };

class Documents {
  @IsCPF() cpf: unknown = VALID.cpf;
  @IsCNPJ() cnpj: unknown = VALID.cnpj;
  @IsRG() rg: unknown = VALID.rg;
  @IsBRPhone() phone: unknown = VALID.phone;
}

class OptionalCpf {
  @IsOptional() @IsCPF() cpf: unknown = undefined;
}

class WithUserRule {
  @IsCPF() cpf: unknown = VALID.cpf;
  @IsString() name: unknown = 'Ana';
}

class EachCpf {
  @IsCPF({ each: true }) cpfs: unknown = ['52998224725'];
}

const docs = (patch: Partial<Record<keyof Documents, unknown>>) => Object.assign(new Documents(), patch);

describe('built-in rules without class-validator', () => {
  it('answers valid exactly when every built-in rule passes, and class-validator agrees', async () => {
    assert.equal(passesBuiltInRules(Documents, new Documents(), false), true);
    assert.deepEqual(await validate(new Documents()), []);
    for (const invalid of [{ cpf: '529.982.247-24' }, { cnpj: '11222333000180' }, { rg: '12A' }, { phone: '(20) 98765-4321' }, { cpf: undefined }]) {
      assert.equal(passesBuiltInRules(Documents, docs(invalid), false), false, JSON.stringify(invalid));
      assert.notDeepEqual(await validate(docs(invalid)), [], JSON.stringify(invalid));
    }
  });

  it('leaves empty values unchecked under @IsOptional() or skipMissing, as class-validator does', async () => {
    assert.equal(passesBuiltInRules(OptionalCpf, new OptionalCpf(), false), true);
    assert.deepEqual(await validate(new OptionalCpf()), []);
    assert.equal(passesBuiltInRules(OptionalCpf, Object.assign(new OptionalCpf(), { cpf: 'x' }), false), false);
    assert.equal(passesBuiltInRules(Documents, docs({ cpf: null }), false), false);
    assert.equal(passesBuiltInRules(Documents, docs({ cpf: null }), true), true);
  });

  it('hands a class with any other rule to class-validator', () => {
    assert.equal(passesBuiltInRules(WithUserRule, new WithUserRule(), false), false);
  });

  it('hands `each` over lists to class-validator, which checks every element', async () => {
    assert.equal(passesBuiltInRules(EachCpf, new EachCpf(), false), false);
    assert.deepEqual(await validate(new EachCpf()), []);
  });
});
