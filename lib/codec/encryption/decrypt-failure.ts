/**
 * Why a stored value could not be decrypted, in words that are safe to show: never the value,
 * the ciphertext or a key. The codec turns it into an `EncryptionError` naming model, field and id.
 *
 * @example
 * throw new DecryptFailure("unknown key id 'k2019'");
 */
export class DecryptFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DecryptFailure';
  }
}
