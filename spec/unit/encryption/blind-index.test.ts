import { beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHmac, hkdfSync } from 'node:crypto';
import { blindIndex, blindIndexesForAllKeys } from '../../../lib/codec/encryption/blind-index';
import { createEncryptedCodec } from '../../../lib/codec/encryption/encrypted-codec';
import { configureEncryption, getKeyRing } from '../../../lib/codec/encryption/key-ring';
import { EncryptionError } from '../../../lib/errors';
import { normalizeCNPJ } from '../../../lib/validation/cnpj';
import { normalizeCPF } from '../../../lib/validation/cpf';
import { normalizeRG } from '../../../lib/validation/rg';
import { cleanEncryptionEnv } from './env';

const master = Buffer.alloc(32, 9);
const cpf = createEncryptedCodec({ context: 'cpf', searchable: true, normalize: normalizeCPF });
const cnpj = createEncryptedCodec({ context: 'cnpj', searchable: true, normalize: normalizeCNPJ });
const rg = createEncryptedCodec({ context: 'rg', searchable: true, normalize: normalizeRG });

describe('blind index', () => {
  beforeEach(() => {
    cleanEncryptionEnv();
    configureEncryption({ keys: [{ id: 'k1', key: master }] });
  });

  it('is HMAC-SHA256 under the HKDF key essencia:bidx:<context>, base64url', () => {
    const key = Buffer.from(hkdfSync('sha256', master, 'essencia-hkdf-salt-v1', 'essencia:bidx:cpf', 32));
    const expected = createHmac('sha256', key).update('52998224725').digest('base64url');
    assert.equal(blindIndex('52998224725', 'cpf'), expected);
    assert.match(expected, /^[A-Za-z0-9_-]{43}$/);
  });

  it('is the same for a formatted and an unformatted CPF, CNPJ or RG', () => {
    assert.equal(cpf.companion!.compute('529.982.247-25'), cpf.companion!.compute('52998224725'));
    assert.equal(cnpj.companion!.compute('12.abc.345/01de-35'), cnpj.companion!.compute('12ABC34501DE35'));
    assert.equal(rg.companion!.compute('12.345.678-x'), rg.companion!.compute('12345678X'));
    assert.notEqual(cpf.companion!.compute('52998224725'), cpf.companion!.compute('11144477735'));
  });

  it('differs per context and per key', () => {
    assert.notEqual(blindIndex('123456789', 'cpf'), blindIndex('123456789', 'rg'));
    const before = blindIndex('52998224725', 'cpf');
    configureEncryption({ keys: [{ id: 'k2', key: Buffer.alloc(32, 1) }] });
    assert.notEqual(blindIndex('52998224725', 'cpf'), before);
  });

  it('declares a string companion with suffix bidx, only when searchable', () => {
    assert.equal(cpf.companion!.suffix, 'bidx');
    assert.equal(cpf.companion!.type, 'string');
    assert.equal(createEncryptedCodec({ context: 'notes' }).companion, undefined);
  });

  it('computes indexes under every known key, active first, for rows not yet rotated', () => {
    configureEncryption({ keys: [{ id: 'new', key: Buffer.alloc(32, 2) }, { id: 'old', key: master }], activeKeyId: 'new' });
    const all = cpf.blindIndexesForAllKeys('529.982.247-25');
    assert.equal(all.length, 2);
    assert.equal(all[0], blindIndex('52998224725', 'cpf'));
    assert.equal(all[1], blindIndexesForAllKeys('52998224725', 'cpf', { ...getKeyRing(), active: getKeyRing().keys.get('old')! })[0]);
  });

  it('needs a string', () => {
    assert.throws(() => cpf.companion!.compute(52998224725), EncryptionError);
  });
});
