import type { FieldType } from '../metadata/types';

/** Where a value lives, for codecs that bind it to its place (encryption's associated data). */
export interface CodecContext {
  readonly model: string;
  readonly collection: string;
  readonly field: string;
  readonly id: string;
  /** Whether the field may be empty; a codec reads an empty stored form as `null` then. */
  readonly nullable?: boolean;
}

/** A value stored beside a codec field and computed from its plaintext (e.g. a blind index). */
export interface CompanionSpec {
  /** Appended to the property (`cpf` + `Bidx` → `cpfBidx`) and to the column (`cpf_bidx`). */
  readonly suffix: string;
  readonly type: FieldType;
  /** From the plaintext; also used to turn filter values into companion values. */
  compute(plain: unknown): unknown;
}

/**
 * Transforms a field between the plaintext the model holds and what the database stores.
 * Drivers only ever see the stored form. Encryption plugs in here.
 *
 * @example
 * const upper: FieldCodec = { storedType: 'string', encode: (v) => String(v).toUpperCase(), decode: (v) => v };
 */
export interface FieldCodec {
  /** Type of the stored value. */
  readonly storedType: FieldType;
  encode(plain: unknown, ctx: CodecContext): unknown;
  decode(stored: unknown, ctx: CodecContext): unknown;
  /** When present, equality filters and unique indexes go through this companion value. */
  readonly companion?: CompanionSpec;
  /** What `toJSON()` shows instead of the plaintext. */
  mask?(plain: unknown): unknown;
  /** Throws a ConfigError when the codec cannot work (e.g. no encryption key). Called at connect and first use. */
  assertReady?(): void;
  /** Turns user input into the canonical plaintext before validation and storage (e.g. CPF digits only). */
  normalize?(plain: unknown): unknown;
  /** Whether stored values are still in their current form (used by key rotation). */
  isCurrent?(stored: unknown): boolean;
}
