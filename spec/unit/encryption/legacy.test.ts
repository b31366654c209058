import { beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHash, pbkdf2Sync } from 'node:crypto';
import { EncryptionError } from '../../../lib/errors';
import type { CodecContext } from '../../../lib/codec/field-codec';
import { createEncryptedCodec } from '../../../lib/codec/encryption/encrypted-codec';
import { decryptLegacy, encryptLegacy, legacyContextFor, legacyKey } from '../../../lib/codec/encryption/legacy';
import { configureEncryption } from '../../../lib/codec/encryption/key-ring';
import { normalizeCPF } from '../../../lib/validation/cpf';
import { cleanEncryptionEnv, newKey } from './env';

const ctx: CodecContext = { model: 'Patient', collection: 'patients', field: 'cpf', id: 'p1' };
const cpfCodec = createEncryptedCodec({ context: 'cpf', searchable: true, normalize: normalizeCPF });
const medical = createEncryptedCodec({ context: 'medical', kind: 'json' });
const notes = createEncryptedCodec({ context: 'notes' });

describe('legacy format of the Python original', () => {
  beforeEach(cleanEncryptionEnv);

  it('derives the key with PBKDF2-SHA256 over the key string, 100k iterations, salt from the context', () => {
    const salt = createHash('sha256').update('essencia_encryption_cpf').digest().subarray(0, 16);
    assert.deepEqual(legacyKey('secret', 'cpf'), pbkdf2Sync('secret', salt, 100_000, 32, 'sha256'));
  });

  it('lays values out as base64(iv ‖ tag ‖ ciphertext) and reads them back', () => {
    const stored = encryptLegacy('52998224725', 'secret', 'cpf');
    assert.equal(Buffer.from(stored, 'base64').length, 12 + 16 + 11);
    assert.equal(decryptLegacy(stored, 'secret', 'cpf').toString('utf8'), '52998224725');
    assert.throws(() => decryptLegacy(stored, 'other', 'cpf'));
    assert.throws(() => decryptLegacy(stored, 'secret', 'rg'));
  });

  it('maps unknown contexts to default', () => {
    assert.equal(legacyContextFor('medical'), 'medical');
    assert.equal(legacyContextFor('notes'), 'default');
  });

  it('is read by the codec with ESSENCIA_LEGACY_KEY', () => {
    process.env.ESSENCIA_ENCRYPTION_KEY = newKey();
    process.env.ESSENCIA_LEGACY_KEY = 'the old python key, not base64 at all';
    const stored = encryptLegacy('52998224725', 'the old python key, not base64 at all', 'cpf');
    assert.equal(cpfCodec.decode(stored, ctx), '52998224725');
    assert.equal(cpfCodec.isCurrent!(stored), false);
    assert.equal(notes.decode(encryptLegacy('nota', 'the old python key, not base64 at all', 'default'), ctx), 'nota');
  });

  it('falls back to the string of ESSENCIA_ENCRYPTION_KEY as the password when ESSENCIA_LEGACY_KEY is unset', () => {
    const key = newKey();
    process.env.ESSENCIA_ENCRYPTION_KEY = key;
    assert.equal(cpfCodec.decode(encryptLegacy('52998224725', key, 'cpf'), ctx), '52998224725');
  });

  it('parses legacy medical data as JSON when it is JSON, else keeps the string', () => {
    configureEncryption({ keys: [{ id: 'k', key: newKey() }], legacyKey: 'pw' });
    assert.deepEqual(medical.decode(encryptLegacy('{"alergias":["dipirona"]}', 'pw', 'medical'), ctx), { alergias: ['dipirona'] });
    assert.equal(medical.decode(encryptLegacy('hipertensão', 'pw', 'medical'), ctx), 'hipertensão');
  });

  it('fails with a safe EncryptionError for a wrong legacy key, no legacy key, or garbage', () => {
    configureEncryption({ keys: [{ id: 'k', key: newKey() }], legacyKey: 'wrong' });
    const stored = encryptLegacy('52998224725', 'right', 'cpf');
    const safe = (e: unknown) => e instanceof EncryptionError && /Patient\.cpf \(id p1\)/.test(e.message) && !e.message.includes('529');
    assert.throws(() => cpfCodec.decode(stored, ctx), safe);
    assert.throws(() => cpfCodec.decode('not base64 !', ctx), safe);
    assert.throws(() => cpfCodec.decode('AAAA', ctx), safe);
    configureEncryption({ keys: [{ id: 'k', key: newKey() }] });
    assert.throws(() => cpfCodec.decode(stored, ctx), (e: unknown) => safe(e) && /ESSENCIA_LEGACY_KEY/.test((e as Error).message));
  });
});
