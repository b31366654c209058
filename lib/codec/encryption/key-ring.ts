import { ConfigError } from '../../errors';
import { KEY_GENERATE_HINT, LEGACY_KEY_HINT, assertKeyId, deriveKeyId, parseKey, type KeyEntry } from './key-material';

/** The keys encryption works with: one active key that encrypts, all of them decrypt. */
export interface KeyRing {
  /** Encrypts new values and computes blind indexes. */
  readonly active: KeyEntry;
  /** Every known key by id, the active one included. */
  readonly keys: ReadonlyMap<string, KeyEntry>;
  /** The Python original's key string (PBKDF2 password), to read legacy values. */
  readonly legacyPassword?: string;
}

/** Options of {@link configureEncryption}. */
export interface EncryptionConfig {
  /** Master keys: 32 bytes, as a Buffer or base64. Ids match `[A-Za-z0-9_-]{1,32}`. */
  readonly keys: ReadonlyArray<{ readonly id: string; readonly key: Buffer | Uint8Array | string }>;
  /** The key that encrypts. Default: the first of `keys`. */
  readonly activeKeyId?: string;
  /** The Python original's key string, to read its values. */
  readonly legacyKey?: string;
}

const ENV_KEY = 'ESSENCIA_ENCRYPTION_KEY';
const ENV_KEYS = 'ESSENCIA_ENCRYPTION_KEYS';
const ENV_LEGACY = 'ESSENCIA_LEGACY_KEY';

let configured: KeyRing | undefined;
let cached: KeyRing | undefined;

function addKey(keys: Map<string, KeyEntry>, entry: KeyEntry, where: string): void {
  const existing = keys.get(entry.id);
  if (existing && !existing.key.equals(entry.key)) {
    throw new ConfigError(`${where}: two different keys have the id '${entry.id}'`);
  }
  if (!existing) keys.set(entry.id, Object.freeze(entry));
}

function ringOf(active: KeyEntry, others: readonly KeyEntry[], legacyPassword: string | undefined, where: string): KeyRing {
  const keys = new Map<string, KeyEntry>();
  addKey(keys, active, where);
  for (const entry of others) addKey(keys, entry, where);
  return Object.freeze({ active: keys.get(active.id)!, keys, legacyPassword: legacyPassword || undefined });
}

/**
 * `id:base64` or plain base64 (id derived from the key). A value that is neither is often the Python original's
 * key string (which may contain `:`), so the error says where that belongs, unless it is already set there.
 */
function parseActiveEnvKey(raw: string): KeyEntry {
  try {
    const m = /^([^:]*):(.*)$/s.exec(raw.trim());
    if (m) {
      assertKeyId(m[1], ENV_KEY);
      return { id: m[1], key: parseKey(m[2], ENV_KEY) };
    }
    const key = parseKey(raw, ENV_KEY);
    return { id: deriveKeyId(key), key };
  } catch (e) {
    const hint = ENV_LEGACY in process.env ? '' : `; ${LEGACY_KEY_HINT}`;
    throw new ConfigError(`${(e as Error).message}${hint}`);
  }
}

function parseEnvKeyList(raw: string): KeyEntry[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((item, i) => {
      const colon = item.indexOf(':');
      if (colon < 0) throw new ConfigError(`${ENV_KEYS}: entry ${i + 1} must be 'id:base64'`);
      const id = item.slice(0, colon);
      assertKeyId(id, `${ENV_KEYS} entry ${i + 1}`);
      return { id, key: parseKey(item.slice(colon + 1), `${ENV_KEYS} key '${id}'`) };
    });
}

function ringFromEnv(): KeyRing {
  const raw = process.env[ENV_KEY];
  if (raw === undefined || raw.trim() === '') {
    throw new ConfigError(
      `field encryption needs a key: set ${ENV_KEY} (base64 of 32 random bytes) or call configureEncryption(); ${KEY_GENERATE_HINT}`,
    );
  }
  const active = parseActiveEnvKey(raw);
  const others = parseEnvKeyList(process.env[ENV_KEYS] ?? '');
  const legacy = process.env[ENV_LEGACY] || raw;
  return ringOf(active, others, legacy, ENV_KEY);
}

/**
 * Configures the keys in code instead of the environment (the environment is then ignored
 * until {@link resetEncryption}). Throws a ConfigError for a bad key or id, never naming the key.
 *
 * @example
 * configureEncryption({ keys: [{ id: '2025', key: process.env.KEY_2025! }, { id: '2024', key: oldKey }], activeKeyId: '2025' });
 */
export function configureEncryption(config: EncryptionConfig): void {
  const where = 'configureEncryption';
  if (!config || !Array.isArray(config.keys) || config.keys.length === 0) {
    throw new ConfigError(`${where}: 'keys' must list at least one key; ${KEY_GENERATE_HINT}`);
  }
  const entries = config.keys.map((k, i) => {
    assertKeyId(k?.id, `${where} keys[${i}]`);
    return { id: k.id, key: parseKey(k.key, `${where} key '${k.id}'`) };
  });
  const activeId = config.activeKeyId ?? entries[0]!.id;
  const active = entries.find((e) => e.id === activeId);
  if (!active) throw new ConfigError(`${where}: activeKeyId '${String(activeId)}' is not one of the keys`);
  if (config.legacyKey !== undefined && typeof config.legacyKey !== 'string') {
    throw new ConfigError(`${where}: legacyKey must be a string`);
  }
  configured = ringOf(active, entries, config.legacyKey, where);
  cached = configured;
}

/**
 * Forgets configured keys and the cached ring: the next use reads the environment again.
 * Meant for tests and for processes that change their keys at runtime.
 *
 * @example
 * afterEach(() => resetEncryption());
 */
export function resetEncryption(): void {
  configured = undefined;
  cached = undefined;
}

/**
 * The key ring: from {@link configureEncryption}, else from the environment (read on first
 * use, then cached). Throws a ConfigError when no usable key is configured.
 *
 * @example
 * const { active } = getKeyRing(); // active.id is written in new envelopes
 */
export function getKeyRing(): KeyRing {
  if (!cached) cached = configured ?? ringFromEnv();
  return cached;
}

/**
 * Whether a usable key is configured (does not throw).
 *
 * @example
 * if (!hasEncryptionKey()) console.warn('encrypted fields will fail');
 */
export function hasEncryptionKey(): boolean {
  try {
    getKeyRing();
    return true;
  } catch {
    return false;
  }
}
