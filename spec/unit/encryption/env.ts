import { randomBytes } from 'node:crypto';
import { resetEncryption } from '../../../lib/codec/encryption/key-ring';

/** Environment variables the key ring reads. */
export const ENCRYPTION_ENV = ['ESSENCIA_ENCRYPTION_KEY', 'ESSENCIA_ENCRYPTION_KEYS', 'ESSENCIA_LEGACY_KEY'] as const;

/** Clears the encryption environment and the cached key ring (call in beforeEach). */
export function cleanEncryptionEnv(): void {
  for (const name of ENCRYPTION_ENV) delete process.env[name];
  resetEncryption();
}

/** A fresh random key, base64. */
export function newKey(): string {
  return randomBytes(32).toString('base64');
}
