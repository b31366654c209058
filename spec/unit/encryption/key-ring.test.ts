import { beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ConfigError } from '../../../lib/errors';
import { configureEncryption, getKeyRing, hasEncryptionKey, resetEncryption } from '../../../lib/codec/encryption/key-ring';
import { deriveKeyId, generateEncryptionKey } from '../../../lib/codec/encryption/key-material';
import { cleanEncryptionEnv, newKey } from './env';

const GENERATE_HINT = /npx essencia keys generate.*randomBytes\(32\)\.toString\('base64'\)/;

describe('key ring from the environment', () => {
  beforeEach(cleanEncryptionEnv);

  it('fails with a ConfigError that says how to generate a key when none is set', () => {
    assert.equal(hasEncryptionKey(), false);
    assert.throws(() => getKeyRing(), (e: unknown) => e instanceof ConfigError && /ESSENCIA_ENCRYPTION_KEY/.test(e.message) && GENERATE_HINT.test(e.message));
  });

  for (const [label, value] of [
    ['a password', 'my-secret-password'],
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['hex', 'ab'.repeat(32)],
    ["a passphrase of the Python original with ':' (not a valid key id)", 'clinica:senha 2019:x'],
    ["a passphrase of the Python original shaped like 'id:key'", 'prod:senha-antiga'],
  ] as const) {
    it(`rejects ${label} with the generate hint and without echoing the key`, () => {
      process.env.ESSENCIA_ENCRYPTION_KEY = value;
      assert.throws(
        () => getKeyRing(),
        (e: unknown) => e instanceof ConfigError && GENERATE_HINT.test(e.message) && !e.message.includes(value) && /ESSENCIA_LEGACY_KEY/.test(e.message),
      );
    });
  }

  it("gives no ESSENCIA_LEGACY_KEY hint for a bad key with ':' once ESSENCIA_LEGACY_KEY is set", () => {
    process.env.ESSENCIA_LEGACY_KEY = 'prod:senha-antiga';
    process.env.ESSENCIA_ENCRYPTION_KEY = 'prod:senha-antiga';
    assert.throws(() => getKeyRing(), (e: unknown) => e instanceof ConfigError && !/ESSENCIA_LEGACY_KEY/.test(e.message) && !e.message.includes('senha'));
  });

  it('derives a stable 8-hex id for a key without one', () => {
    const key = newKey();
    process.env.ESSENCIA_ENCRYPTION_KEY = key;
    const raw = Buffer.from(key, 'base64');
    const expected = createHash('sha256').update('essencia-key-id').update(raw).digest('hex').slice(0, 8);
    assert.equal(getKeyRing().active.id, expected);
    assert.equal(deriveKeyId(raw), expected);
    assert.match(expected, /^[0-9a-f]{8}$/);
  });

  it('accepts an explicit id (id:base64) and older keys in ESSENCIA_ENCRYPTION_KEYS', () => {
    process.env.ESSENCIA_ENCRYPTION_KEY = `k2025:${newKey()}`;
    process.env.ESSENCIA_ENCRYPTION_KEYS = ` k2024:${newKey()} , k2023:${newKey()},`;
    const ring = getKeyRing();
    assert.equal(ring.active.id, 'k2025');
    assert.deepEqual([...ring.keys.keys()], ['k2025', 'k2024', 'k2023']);
  });

  it('rejects malformed ESSENCIA_ENCRYPTION_KEYS entries and bad ids', () => {
    process.env.ESSENCIA_ENCRYPTION_KEY = newKey();
    for (const bad of [newKey(), `bad id:${newKey()}`, `k1:short`, `${'x'.repeat(33)}:${newKey()}`]) {
      process.env.ESSENCIA_ENCRYPTION_KEYS = bad;
      assert.throws(() => getKeyRing(), ConfigError, bad);
    }
  });

  it('rejects two different keys under one id', () => {
    process.env.ESSENCIA_ENCRYPTION_KEY = `k1:${newKey()}`;
    process.env.ESSENCIA_ENCRYPTION_KEYS = `k1:${newKey()}`;
    assert.throws(() => getKeyRing(), /two different keys have the id 'k1'/);
  });

  it('uses ESSENCIA_LEGACY_KEY, else the string of ESSENCIA_ENCRYPTION_KEY, as the legacy password', () => {
    const key = newKey();
    process.env.ESSENCIA_ENCRYPTION_KEY = key;
    assert.equal(getKeyRing().legacyPassword, key);
    resetEncryption();
    process.env.ESSENCIA_LEGACY_KEY = 'old python secret';
    assert.equal(getKeyRing().legacyPassword, 'old python secret');
  });

  it('caches the ring until reset, then reads the environment again', () => {
    process.env.ESSENCIA_ENCRYPTION_KEY = `a:${newKey()}`;
    const first = getKeyRing();
    process.env.ESSENCIA_ENCRYPTION_KEY = `b:${newKey()}`;
    assert.equal(getKeyRing(), first);
    resetEncryption();
    assert.equal(getKeyRing().active.id, 'b');
  });
});

describe('configureEncryption', () => {
  beforeEach(cleanEncryptionEnv);

  it('takes Buffers or base64, picks the active key, and wins over the environment', () => {
    process.env.ESSENCIA_ENCRYPTION_KEY = `env:${newKey()}`;
    configureEncryption({ keys: [{ id: 'old', key: Buffer.alloc(32, 7) }, { id: 'new', key: generateEncryptionKey() }], activeKeyId: 'new', legacyKey: 'pw' });
    const ring = getKeyRing();
    assert.equal(ring.active.id, 'new');
    assert.equal(ring.keys.size, 2);
    assert.equal(ring.legacyPassword, 'pw');
    resetEncryption();
    assert.equal(getKeyRing().active.id, 'env');
  });

  it('defaults the active key to the first one', () => {
    configureEncryption({ keys: [{ id: 'first', key: newKey() }, { id: 'second', key: newKey() }] });
    assert.equal(getKeyRing().active.id, 'first');
  });

  it('copies key material (a later change of the caller Buffer has no effect)', () => {
    const buf = Buffer.alloc(32, 1);
    configureEncryption({ keys: [{ id: 'k', key: buf }] });
    buf.fill(2);
    assert.equal(getKeyRing().active.key[0], 1);
  });

  it('rejects bad configurations with ConfigError', () => {
    const cases: unknown[] = [
      { keys: [] },
      { keys: [{ id: 'k', key: Buffer.alloc(31) }] },
      { keys: [{ id: 'has space', key: newKey() }] },
      { keys: [{ id: 'k', key: newKey() }], activeKeyId: 'missing' },
      { keys: [{ id: 'k', key: newKey() }, { id: 'k', key: newKey() }] },
      { keys: [{ id: 'k', key: newKey() }], legacyKey: 42 },
    ];
    for (const config of cases) assert.throws(() => configureEncryption(config as never), ConfigError);
  });
});
