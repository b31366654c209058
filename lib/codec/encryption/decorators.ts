import { IsOptional, type ValidationOptions } from 'class-validator';
import { ConfigError } from '../../errors';
import { declareField, declaredFields } from '../../metadata/declarations';
import { IsCNPJ, normalizeCNPJ } from '../../validation/cnpj';
import { IsCPF, normalizeCPF } from '../../validation/cpf';
import type { ValidationLocale } from '../../validation/messages';
import { IsRG, normalizeRG } from '../../validation/rg';
import type { FieldCodec } from '../field-codec';
import { createEncryptedCodec } from './encrypted-codec';
import { maskCNPJ, maskCPF, maskOpaque, maskRG } from './masks';
import { maskWhenSerialized } from './serializer-mask';

/** `'masked'` (default): `toJSON()` shows a mask; `'plain'`: `toJSON()` shows the plaintext. */
export type Exposure = 'masked' | 'plain';

/** Options of `@EncryptedCPF()`, `@EncryptedCNPJ()` and `@EncryptedRG()`. */
export interface EncryptedDocumentOptions {
  /** What `toJSON()` shows. Default `'masked'`. */
  readonly expose?: Exposure;
  /** Whether the field may be empty (null / absent). Default `false`. */
  readonly nullable?: boolean;
  /** Store a blind index for equality search and `@Unique()`. Default `true`. */
  readonly searchable?: boolean;
  /** Validation message instead of the built-in one. */
  readonly message?: ValidationOptions['message'];
  /** Language of the built-in validation message. */
  readonly locale?: ValidationLocale;
  /** class-validator groups of the validation rule. */
  readonly groups?: string[];
}

/** Options of `@EncryptedMedicalData()`. */
export interface EncryptedMedicalDataOptions {
  readonly expose?: Exposure;
  /** Whether the field may be empty (null / absent). Default `true`. */
  readonly nullable?: boolean;
  /** Default `'medical'`. */
  readonly context?: string;
}

/** Options of `@EncryptedStr()`. */
export interface EncryptedStrOptions {
  /** Names the derived keys of this field (`[A-Za-z0-9_.-]{1,64}`), e.g. `'notes'`. */
  readonly context: string;
  /** Default `false`. */
  readonly searchable?: boolean;
  readonly expose?: Exposure;
  /** Whether the field may be empty (null / absent). Default `true`. */
  readonly nullable?: boolean;
  /** Context the Python original used for this field, if its data is migrated. */
  readonly legacyContext?: string;
}

/** `nullable` is the decorator's option, or its default unless an `@Field({ nullable })` already said otherwise. */
function encryptedField(decorator: string, codec: FieldCodec, nullable: boolean | undefined, byDefault: boolean, validator?: PropertyDecorator): PropertyDecorator {
  return (target, property) => {
    if (typeof property !== 'string') {
      throw new ConfigError(`@${decorator} on ${target.constructor.name}: symbol properties cannot be stored`);
    }
    nullable ??= declaredFields(target.constructor)?.get(property)?.field?.nullable ?? byDefault;
    declareField(target.constructor, property, { codec, designType: String, field: { nullable } });
    if (codec.mask) maskWhenSerialized(target, property, codec.mask);
    if (validator) {
      // An empty optional value is not checked; a present one always is.
      if (nullable) IsOptional()(target, property);
      validator(target, property);
    }
  };
}

function validationOf(options: EncryptedDocumentOptions): { message?: ValidationOptions['message']; locale?: ValidationLocale; groups?: string[] } {
  return { message: options.message, locale: options.locale, groups: options.groups };
}

/** A Brazilian document field (CPF, CNPJ, RG): normalised, validated, encrypted, searchable unless told not. */
function documentField(
  decorator: string,
  context: string,
  normalize: (value: string) => string,
  mask: (plain: unknown) => unknown,
  rule: (options: ReturnType<typeof validationOf>) => PropertyDecorator,
  options: EncryptedDocumentOptions,
): PropertyDecorator {
  const codec = createEncryptedCodec({
    context,
    searchable: options.searchable ?? true,
    normalize,
    mask: options.expose === 'plain' ? false : mask,
  });
  return encryptedField(decorator, codec, options.nullable, false, rule(validationOf(options)));
}

/**
 * An encrypted, validated CPF: `@IsCPF()` runs on the plaintext, digits only are stored
 * (AES-256-GCM envelope), with a blind index (`cpfBidx`) so `findOne({ cpf })` and
 * `@Unique()` work. `toJSON()` shows `***.***.*47-25`.
 *
 * @example
 * @Model({ database: 'pg_main' })
 * class Patient extends BaseModel { @EncryptedCPF() @Unique() cpf!: string; }
 */
export function EncryptedCPF(options: EncryptedDocumentOptions = {}): PropertyDecorator {
  return documentField('EncryptedCPF', 'cpf', normalizeCPF, maskCPF, IsCPF, options);
}

/**
 * An encrypted, validated CNPJ (numeric or alphanumeric), stored upper-case without separators,
 * searchable by default. `toJSON()` shows `**.***.***` + `/**01-81`.
 *
 * @example
 * class Clinic extends BaseModel { @EncryptedCNPJ() cnpj!: string; }
 */
export function EncryptedCNPJ(options: EncryptedDocumentOptions = {}): PropertyDecorator {
  return documentField('EncryptedCNPJ', 'cnpj', normalizeCNPJ, maskCNPJ, IsCNPJ, options);
}

/**
 * An encrypted, validated RG (7–9 characters, final X allowed), stored as upper-case
 * alphanumerics, searchable by default. `toJSON()` shows `*****678-X`.
 *
 * @example
 * class Patient extends BaseModel { @EncryptedRG({ expose: 'plain' }) rg!: string; }
 */
export function EncryptedRG(options: EncryptedDocumentOptions = {}): PropertyDecorator {
  return documentField('EncryptedRG', 'rg', normalizeRG, maskRG, IsRG, options);
}

/**
 * Encrypted medical data: any JSON value (object, array, string, number, boolean), not
 * searchable, shown as `"[encrypted]"` by `toJSON()`.
 *
 * @example
 * class Record extends BaseModel { @EncryptedMedicalData() anamnesis!: { allergies: string[] }; }
 */
export function EncryptedMedicalData(options: EncryptedMedicalDataOptions = {}): PropertyDecorator {
  const codec = createEncryptedCodec({
    context: options.context ?? 'medical',
    kind: 'json',
    mask: options.expose === 'plain' ? false : maskOpaque,
  });
  return encryptedField('EncryptedMedicalData', codec, options.nullable, true);
}

/**
 * An encrypted string under its own context; `searchable: true` adds a blind index of the exact
 * string (no normalisation). Shown as `"[encrypted]"` by `toJSON()`.
 *
 * @example
 * class Patient extends BaseModel { @EncryptedStr({ context: 'notes' }) notes!: string; }
 */
export function EncryptedStr(options: EncryptedStrOptions): PropertyDecorator {
  if (!options || typeof options !== 'object') throw new ConfigError('@EncryptedStr needs { context }');
  const codec = createEncryptedCodec({
    context: options.context,
    searchable: options.searchable ?? false,
    mask: options.expose === 'plain' ? false : maskOpaque,
    legacyContext: options.legacyContext,
  });
  return encryptedField('EncryptedStr', codec, options.nullable, true);
}
