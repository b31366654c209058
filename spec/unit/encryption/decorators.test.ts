import { beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { validate } from 'class-validator';
import { EncryptedCNPJ, EncryptedCPF, EncryptedMedicalData, EncryptedRG, EncryptedStr } from '../../../lib/codec/encryption/decorators';
import { configureEncryption } from '../../../lib/codec/encryption/key-ring';
import { declaredFields } from '../../../lib/metadata/declarations';
import { Field, Model, Unique } from '../../../lib/metadata/decorators';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { ConfigError } from '../../../lib/errors';
import { cleanEncryptionEnv, newKey } from './env';

@Model({ database: 'enc_test' })
class Patient {
  @Field({ type: 'string' }) name!: string;
  @EncryptedCPF() @Unique() cpf: unknown = '529.982.247-25';
  @EncryptedRG({ expose: 'plain' }) rg: unknown = '12.345.678-X';
  @EncryptedCNPJ({ locale: 'pt' }) cnpj: unknown = '12.ABC.345/01DE-35';
  @EncryptedMedicalData() anamnesis: unknown = { allergies: ['penicillin'] };
  @EncryptedStr({ context: 'notes' }) notes: unknown = 'free text';
}

describe('@Encrypted... decorators', () => {
  beforeEach(() => {
    cleanEncryptionEnv();
    configureEncryption({ keys: [{ id: 'k', key: newKey() }] });
  });

  it('declare codec fields with a string stored type', () => {
    const fields = declaredFields(Patient)!;
    for (const p of ['cpf', 'rg', 'cnpj', 'anamnesis', 'notes']) {
      assert.equal(fields.get(p)?.codec?.storedType, 'string', p);
      assert.equal(fields.get(p)?.designType, String, p);
    }
  });

  it('give CPF, RG and CNPJ a blind-index companion, and redirect @Unique to it', () => {
    const meta = modelMeta(Patient);
    assert.deepEqual(meta.derivedFields.map((f) => [f.property, f.column, f.derivedFrom]), [
      ['cpfBidx', 'cpf_bidx', 'cpf'],
      ['rgBidx', 'rg_bidx', 'rg'],
      ['cnpjBidx', 'cnpj_bidx', 'cnpj'],
    ]);
    assert.deepEqual(meta.indexes.map((i) => [i.fields, i.unique]), [[['cpfBidx'], true]]);
  });

  it('run the matching validator on the plaintext', async () => {
    assert.deepEqual(await validate(new Patient()), []);
    const bad = Object.assign(new Patient(), { cpf: '529.982.247-24', rg: '12', cnpj: '11222333000180' });
    const errors = Object.fromEntries((await validate(bad)).map((e) => [e.property, Object.values(e.constraints ?? {})]));
    assert.deepEqual(errors, {
      cpf: ['cpf must be a valid CPF'],
      rg: ['rg must be a valid RG'],
      cnpj: ['cnpj deve ser um CNPJ válido'],
    });
  });

  it('mask by default and expose plaintext on request', () => {
    const fields = declaredFields(Patient)!;
    assert.equal(fields.get('cpf')!.codec!.mask!('52998224725'), '***.***.*47-25');
    assert.equal(fields.get('rg')!.codec!.mask, undefined);
    assert.equal(fields.get('cnpj')!.codec!.mask!('12ABC34501DE35'), '**.***.***/**DE-35');
    assert.equal(fields.get('anamnesis')!.codec!.mask!({ a: 1 }), '[encrypted]');
    assert.equal(fields.get('notes')!.codec!.mask!('x'), '[encrypted]');
  });

  it('reject an encrypted field that is not searchable but indexed', () => {
    @Model({ database: 'enc_test' })
    class Bad {
      @EncryptedStr({ context: 'notes' }) @Unique() notes!: string;
    }
    assert.throws(() => modelMeta(Bad), ConfigError);
  });

  it('reject a bad EncryptedStr context at declaration', () => {
    assert.throws(() => EncryptedStr({ context: 'no spaces' }), ConfigError);
  });
});
