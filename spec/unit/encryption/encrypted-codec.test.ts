import { beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError, EncryptionError } from '../../../lib/errors';
import type { CodecContext } from '../../../lib/codec/field-codec';
import { createEncryptedCodec } from '../../../lib/codec/encryption/encrypted-codec';
import { configureEncryption, resetEncryption } from '../../../lib/codec/encryption/key-ring';
import { maskCPF } from '../../../lib/codec/encryption/masks';
import { normalizeCPF } from '../../../lib/validation/cpf';
import { cleanEncryptionEnv, newKey } from './env';

const ctx: CodecContext = { model: 'Patient', collection: 'patients', field: 'cpf', id: 'rec-1' };
const CPF = '52998224725';
const cpfCodec = createEncryptedCodec({ context: 'cpf', searchable: true, normalize: normalizeCPF, mask: maskCPF });
const medical = createEncryptedCodec({ context: 'medical', kind: 'json' });

/** Asserts an EncryptionError naming model, field and id, and no digit of the CPF. */
function isSafeEncryptionError(e: unknown): boolean {
  return e instanceof EncryptionError && e.message.includes('Patient.cpf') && e.message.includes('rec-1') && !/\d{3}/.test(e.message.replace('rec-1', ''));
}

function flipByte(stored: string, index: number): string {
  const [v, id, body] = stored.split(':');
  const raw = Buffer.from(body!, 'base64');
  raw[index] = raw[index]! ^ 0x01;
  return `${v}:${id}:${raw.toString('base64')}`;
}

describe('encrypted codec', () => {
  beforeEach(() => {
    cleanEncryptionEnv();
    process.env.ESSENCIA_ENCRYPTION_KEY = `k1:${newKey()}`;
  });

  it('round-trips, writing a v1 envelope under the active key', () => {
    const stored = cpfCodec.encode(CPF, ctx) as string;
    assert.match(stored, /^v1:k1:[A-Za-z0-9+/]+={0,2}$/);
    assert.ok(!stored.includes(CPF));
    assert.equal(cpfCodec.decode(stored, ctx), CPF);
    assert.equal(cpfCodec.storedType, 'string');
  });

  it('normalises before storing', () => {
    assert.equal(cpfCodec.decode(cpfCodec.encode('529.982.247-25', ctx), ctx), CPF);
    assert.equal(cpfCodec.normalize!('529.982.247-25'), CPF);
  });

  it('uses a fresh IV: two encryptions of one value differ', () => {
    assert.notEqual(cpfCodec.encode(CPF, ctx), cpfCodec.encode(CPF, ctx));
  });

  it('round-trips any JSON value in json mode, keeping strings strings', () => {
    for (const value of [{ allergies: ['penicilina'], pa: '120/80', n: 3.5, ok: true, nada: null }, [1, 'two'], 'texto', '42', 42, false, 'ação']) {
      assert.deepEqual(medical.decode(medical.encode(value, ctx), ctx), value);
    }
    assert.throws(() => medical.encode(() => 1, ctx), EncryptionError);
    assert.throws(() => cpfCodec.encode(52998224725, ctx), EncryptionError);
  });

  it('passes null and undefined through', () => {
    assert.equal(cpfCodec.encode(null, ctx), null);
    assert.equal(cpfCodec.decode(undefined, ctx), undefined);
    assert.equal(cpfCodec.companion!.compute(null), null);
    assert.equal(cpfCodec.mask!(null), null);
  });

  it("reads the Python original's empty value \"\" as null on a nullable field and '' otherwise; it is current", () => {
    assert.equal(cpfCodec.decode('', ctx), '');
    assert.equal(cpfCodec.decode('', { ...ctx, nullable: false }), '');
    assert.equal(cpfCodec.decode('', { ...ctx, nullable: true }), null);
    assert.equal(medical.decode('', { ...ctx, field: 'history', nullable: true }), null);
    assert.equal(cpfCodec.isCurrent!(''), true, 'nothing to re-encrypt');
    assert.throws(() => cpfCodec.decode(' ', ctx), EncryptionError, 'only the empty string is the empty value');
  });

  it('refuses to encrypt without a record id', () => {
    assert.throws(() => cpfCodec.encode(CPF, { ...ctx, id: '' }), EncryptionError);
  });

  it('detects a tampered byte anywhere (IV, ciphertext, tag) with a safe EncryptionError', () => {
    const stored = cpfCodec.encode(CPF, ctx) as string;
    const length = Buffer.from(stored.split(':')[2]!, 'base64').length;
    for (const index of [0, 11, 12, 13 + 5, length - 16, length - 1]) {
      assert.throws(() => cpfCodec.decode(flipByte(stored, index), ctx), isSafeEncryptionError, `byte ${index}`);
    }
    assert.throws(() => cpfCodec.decode(stored.slice(0, -8), ctx), isSafeEncryptionError);
    assert.throws(() => cpfCodec.decode('v1:k1:!!', ctx), isSafeEncryptionError);
    assert.throws(() => cpfCodec.decode(12345, ctx), isSafeEncryptionError);
  });

  it('keeps the documented v1 format both ways: AES-256-GCM under the HKDF context key, length-prefixed AAD', () => {
    const master = randomBytes(32);
    configureEncryption({ keys: [{ id: 'fmt', key: master }] });
    const key = Buffer.from(hkdfSync('sha256', master, 'essencia-hkdf-salt-v1', 'essencia:enc:cpf', 32));
    const part = (s: string) => Buffer.concat([Buffer.from([0, 0, 0, Buffer.byteLength(s)]), Buffer.from(s)]);
    const aad = Buffer.concat(['essencia:v1', ctx.collection, ctx.field, ctx.id].map(part));
    const plain = Buffer.concat([Buffer.from([0x01]), Buffer.from(CPF)]);

    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
    const body = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    assert.equal(cpfCodec.decode(`v1:fmt:${body.toString('base64')}`, ctx), CPF, 'an envelope written by hand reads');

    const written = Buffer.from((cpfCodec.encode(CPF, ctx) as string).slice('v1:fmt:'.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, written.subarray(0, 12)).setAAD(aad);
    decipher.setAuthTag(written.subarray(-16));
    assert.deepEqual(Buffer.concat([decipher.update(written.subarray(12, -16)), decipher.final()]), plain, 'a written envelope opens by hand');
  });

  it('binds the value to collection, field and id (AAD)', () => {
    const stored = cpfCodec.encode(CPF, ctx);
    for (const other of [{ id: 'rec-2' }, { field: 'rg' }, { collection: 'doctors' }]) {
      const moved = { ...ctx, ...other };
      assert.throws(() => cpfCodec.decode(stored, moved), (e: unknown) => e instanceof EncryptionError && !e.message.includes(CPF));
    }
  });

  it('separates AAD parts so shifting characters between them does not match', () => {
    const a = { ...ctx, collection: 'ab', field: 'c' };
    const b = { ...ctx, collection: 'a', field: 'bc' };
    assert.throws(() => cpfCodec.decode(cpfCodec.encode(CPF, a), b), EncryptionError);
  });

  it('separates contexts: a cpf value does not decrypt as an rg value', () => {
    const rgCodec = createEncryptedCodec({ context: 'rg' });
    assert.throws(() => rgCodec.decode(cpfCodec.encode(CPF, ctx), ctx), EncryptionError);
  });

  it('fails with EncryptionError under a wrong key of the same id, and names an unknown key id', () => {
    const stored = cpfCodec.encode(CPF, ctx);
    resetEncryption();
    process.env.ESSENCIA_ENCRYPTION_KEY = `k1:${newKey()}`;
    assert.throws(() => cpfCodec.decode(stored, ctx), isSafeEncryptionError);
    resetEncryption();
    process.env.ESSENCIA_ENCRYPTION_KEY = `k2:${newKey()}`;
    assert.throws(() => cpfCodec.decode(stored, ctx), (e: unknown) => isSafeEncryptionError(e) && /unknown key id 'k1'/.test((e as Error).message));
  });

  it('still decrypts with an older key from ESSENCIA_ENCRYPTION_KEYS; isCurrent tells which to rotate', () => {
    const oldKey = process.env.ESSENCIA_ENCRYPTION_KEY!;
    const stored = cpfCodec.encode(CPF, ctx);
    assert.equal(cpfCodec.isCurrent!(stored), true);
    resetEncryption();
    process.env.ESSENCIA_ENCRYPTION_KEY = `k2:${newKey()}`;
    process.env.ESSENCIA_ENCRYPTION_KEYS = oldKey;
    assert.equal(cpfCodec.decode(stored, ctx), CPF);
    assert.equal(cpfCodec.isCurrent!(stored), false);
    const rotated = cpfCodec.encode(cpfCodec.decode(stored, ctx), ctx);
    assert.match(rotated as string, /^v1:k2:/);
    assert.equal(cpfCodec.isCurrent!(rotated), true);
    assert.equal(cpfCodec.isCurrent!(null), true);
    assert.equal(cpfCodec.isCurrent!('legacy-base64=='), false);
  });

  it('throws ConfigError (never writes plaintext) when no key is configured', () => {
    cleanEncryptionEnv();
    assert.throws(() => cpfCodec.assertReady!(), ConfigError);
    assert.throws(() => cpfCodec.encode(CPF, ctx), ConfigError);
    assert.throws(() => cpfCodec.companion!.compute(CPF), ConfigError);
  });

  it('works with configureEncryption too', () => {
    configureEncryption({ keys: [{ id: 'prog', key: newKey() }] });
    assert.match(cpfCodec.encode(CPF, ctx) as string, /^v1:prog:/);
    cpfCodec.assertReady!();
  });

  it('masks, and exposes plaintext when mask is false', () => {
    assert.equal(cpfCodec.mask!(CPF), '***.***.*47-25');
    assert.equal(medical.mask!({ a: 1 }), '[encrypted]');
    assert.equal(createEncryptedCodec({ context: 'x', mask: false }).mask, undefined);
  });

  it('rejects a bad context name', () => {
    assert.throws(() => createEncryptedCodec({ context: 'a:b' }), ConfigError);
    assert.throws(() => createEncryptedCodec({ context: '' }), ConfigError);
  });
});
