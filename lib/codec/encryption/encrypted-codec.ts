import { ConfigError, EncryptionError } from '../../errors';
import type { CodecContext, CompanionSpec, FieldCodec } from '../field-codec';
import { isJsonValue } from '../scalar';
import { blindIndex, blindIndexesForAllKeys } from './blind-index';
import { DecryptFailure } from './decrypt-failure';
import { aadPrefix, aadWithId, envelopeKeyId, isEnvelope, openEnvelope, sealEnvelope } from './envelope';
import { assertContext } from './hkdf';
import { getKeyRing } from './key-ring';
import { decryptLegacy, legacyContextFor } from './legacy';
import { maskOpaque } from './masks';
import { deserializePlaintext, serializePlaintext } from './plaintext';

/** Options of {@link createEncryptedCodec}. */
export interface EncryptedCodecOptions {
  /** Selects the derived sub-keys (`essencia:enc:<context>`, `essencia:bidx:<context>`). */
  readonly context: string;
  /** `'string'` (default): string plaintexts; `'json'`: any JSON value. */
  readonly kind?: 'string' | 'json';
  /** Store a blind index beside the ciphertext (`<field>Bidx`), for equality search and `@Unique`. */
  readonly searchable?: boolean;
  /** Canonical form of a string plaintext (applied before validation, storage and indexing). */
  readonly normalize?: (value: string) => string;
  /** What `toJSON()` shows; `false` shows the plaintext (`expose: 'plain'`). */
  readonly mask?: ((plain: unknown) => unknown) | false;
  /** Context under which the Python original encrypted this field. Default: see `legacyContextFor`. */
  readonly legacyContext?: string;
}

/** A field codec that encrypts, plus what a search over several keys needs. */
export interface EncryptedFieldCodec extends FieldCodec {
  readonly context: string;
  /** Blind indexes of `plain` under every known key, active first (for rows not yet rotated). */
  blindIndexesForAllKeys(plain: unknown): string[];
}

/** What the Python original stores for an empty value: nothing is encrypted, there is nothing to rotate. */
const PYTHON_EMPTY = '';

const where = (ctx: CodecContext): string => `${ctx.model}.${ctx.field} (id ${String(ctx.id)})`;

/**
 * A {@link FieldCodec} that stores `v1:<keyId>:<base64(iv ‖ ciphertext ‖ tag)>` (AES-256-GCM,
 * associated data = collection, field, record id), reads every known key and the Python
 * original's legacy values, and never puts a value or ciphertext in an error. `null` and
 * `undefined` pass through unencrypted; the original's empty value `""` reads as `null` on a nullable field,
 * `''` otherwise.
 *
 * @example
 * const codec = createEncryptedCodec({ context: 'cpf', searchable: true, normalize: normalizeCPF, mask: maskCPF });
 * declareField(Patient, 'cpf', { codec, designType: String });
 */
export function createEncryptedCodec(options: EncryptedCodecOptions): EncryptedFieldCodec {
  const { context, kind = 'string', searchable = false } = options;
  assertContext(context, 'createEncryptedCodec');
  const legacyContext = options.legacyContext ?? legacyContextFor(context);
  const normalize = (plain: unknown): unknown =>
    typeof plain === 'string' && options.normalize ? options.normalize(plain) : plain;

  const indexable = (plain: unknown): string => {
    const value = normalize(plain);
    if (typeof value !== 'string') throw new EncryptionError(`the blind index of context '${context}' needs a string value`);
    return value;
  };

  const companion: CompanionSpec | undefined = searchable
    ? Object.freeze({
        suffix: 'bidx',
        type: 'string' as const,
        compute: (plain: unknown): unknown => (plain == null ? null : blindIndex(indexable(plain), context)),
      })
    : undefined;

  const toPlaintextBytes = (plain: unknown, ctx: CodecContext): Buffer => {
    if (kind === 'string' && typeof plain !== 'string') throw new EncryptionError(`${where(ctx)}: expects a string value`);
    if (kind === 'json' && !isJsonValue(plain)) throw new EncryptionError(`${where(ctx)}: expects a JSON value`);
    return serializePlaintext(normalize(plain));
  };

  // The associated data starts with collection and field, the same for every value of one model's field.
  let lastPlace: { readonly collection: string; readonly field: string; readonly prefix: Buffer } | undefined;
  const aadOf = (ctx: CodecContext): Buffer => {
    const collection = String(ctx.collection);
    const field = String(ctx.field);
    if (lastPlace?.collection !== collection || lastPlace.field !== field) lastPlace = { collection, field, prefix: aadPrefix(collection, field) };
    return aadWithId(lastPlace.prefix, String(ctx.id));
  };

  const fromLegacy = (stored: string, password: string | undefined): unknown => {
    const text = decryptLegacy(stored, password, legacyContext).toString('utf8');
    if (kind === 'string') return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };

  const decrypt = (stored: unknown, ctx: CodecContext): unknown => {
    const ring = getKeyRing();
    if (typeof stored !== 'string') throw new DecryptFailure('the stored value is not a string');
    if (!isEnvelope(stored)) return fromLegacy(stored, ring.legacyPassword);
    const plain = deserializePlaintext(openEnvelope(stored, ring, context, aadOf(ctx)));
    if (kind === 'string' && typeof plain !== 'string') throw new DecryptFailure('the plaintext is not a string');
    return plain;
  };

  const maskFn = options.mask === false ? undefined : (options.mask ?? maskOpaque);
  return Object.freeze({
    storedType: 'string' as const,
    context,
    companion,
    normalize,
    ...(maskFn ? { mask: (plain: unknown): unknown => (plain == null ? plain : maskFn(plain)) } : {}),
    assertReady(): void {
      getKeyRing();
    },
    encode(plain: unknown, ctx: CodecContext): unknown {
      if (plain == null) return plain;
      const ring = getKeyRing();
      if (typeof ctx?.id !== 'string' || ctx.id.length === 0) {
        throw new EncryptionError(`${ctx?.model}.${ctx?.field}: encryption needs the record id (it is bound to the ciphertext)`);
      }
      return sealEnvelope(toPlaintextBytes(plain, ctx), ring.active, context, aadOf(ctx));
    },
    decode(stored: unknown, ctx: CodecContext): unknown {
      if (stored == null) return stored;
      // The Python original stores "" for every empty value (its encrypt() returns "" for falsy input).
      if (stored === PYTHON_EMPTY) return ctx?.nullable ? null : '';
      try {
        return decrypt(stored, ctx);
      } catch (e) {
        if (e instanceof ConfigError) throw e;
        const reason = e instanceof DecryptFailure ? e.message : 'unexpected failure';
        throw new EncryptionError(`${where(ctx)}: cannot decrypt: ${reason}`);
      }
    },
    isCurrent(stored: unknown): boolean {
      return stored == null || stored === PYTHON_EMPTY || envelopeKeyId(stored) === getKeyRing().active.id;
    },
    blindIndexesForAllKeys(plain: unknown): string[] {
      return blindIndexesForAllKeys(indexable(plain), context);
    },
  });
}
