import 'reflect-metadata';
import { IsEmail, IsOptional } from 'class-validator';
import {
  BaseModel, EncryptedCPF, EncryptedMedicalData, EncryptedRG, EncryptedStr, Field, Model, SoftDelete, Unique, Version,
} from '../../lib';
import { cpfCheckDigits } from '../../lib/validation/cpf';

/**
 * Fixture models of the encryption and rotation suites. They live in their own databases ('enc', 'rot',
 * 'rot_cli', 'rot_versioned', 'enc_nokey'), created by those suites once a test key is configured: a database refuses to connect
 * while one of its models has encrypted fields and no key exists, so they cannot share 'main'.
 */

/** A patient with every kind of encrypted field. */
@Model({ database: 'enc', collection: 'enc_patients' })
export class Patient extends BaseModel {
  @Field() name!: string;
  @Field() @IsEmail() email!: string;
  @EncryptedCPF() @Unique() cpf!: string;
  @EncryptedRG() @IsOptional() @Field({ nullable: true }) rg?: string | null;
  @EncryptedMedicalData() @Field({ nullable: true }) history?: Record<string, unknown> | null;
  @EncryptedStr({ context: 'notes' }) @Field({ nullable: true }) notes?: string | null;
}

/** A CPF that `toJSON()` shows in clear (`expose: 'plain'`). */
@Model({ database: 'enc', collection: 'enc_plain_patients' })
export class PlainPatient extends BaseModel {
  @Field() name!: string;
  @EncryptedCPF({ expose: 'plain' }) cpf!: string;
}

/** Written while no key is configured: must fail with ConfigError, never store plaintext. */
@Model({ database: 'enc', collection: 'enc_keyless' })
export class Keyless extends BaseModel {
  @Field() label!: string;
  @EncryptedCPF() cpf!: string;
}

/** The only model of a database that is connected while no key is configured. */
@Model({ database: 'enc_nokey', collection: 'enc_nokey' })
export class NoKeyRecord extends BaseModel {
  @EncryptedStr({ context: 'notes' }) notes!: string;
}

/** The model the key rotation runs over (soft-deleted rows must be rotated too). */
@Model({ database: 'rot', collection: 'rot_patients' })
export class RotPatient extends SoftDelete(BaseModel) {
  @Field() name!: string;
  @EncryptedCPF() @Unique() cpf!: string;
  @EncryptedRG() @IsOptional() @Field({ nullable: true }) rg?: string | null;
  @EncryptedMedicalData() @Field({ nullable: true }) history?: Record<string, unknown> | null;
  @EncryptedStr({ context: 'notes' }) @Field({ nullable: true }) notes?: string | null;
}

/** Key rotation must leave an optimistic-lock version alone (its own database: the other rotation tests count every model). */
@Model({ database: 'rot_versioned', collection: 'rot_versioned' })
export class RotVersioned extends BaseModel {
  @EncryptedStr({ context: 'notes' }) notes!: string;
  @Version() version!: number;
}

/** The model the CLI test rotates in a child process (its config file declares the same model in plain JS). */
@Model({ database: 'rot_cli', collection: 'rot_cli_patients' })
export class CliPatient extends BaseModel {
  @Field() name!: string;
  @EncryptedCPF() cpf!: string;
}

/**
 * A valid CPF (11 digits, real check digits) for a seed; different seeds give different CPFs.
 *
 * @example
 * validCPF(1); // '10000793...' (11 digits)
 */
export function validCPF(seed: number): string {
  const base = String(100_000_000 + ((seed * 7_919 + 12_345) % 899_999_999)).slice(0, 9);
  return base + cpfCheckDigits(base);
}

/** The usual layout of a CPF: `123.456.789-09`. */
export function formatCPF(digits: string): string {
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;
}

/** What `toJSON()` shows for a CPF. */
export function maskedCPF(digits: string): string {
  return `***.***.*${digits.slice(7, 9)}-${digits.slice(9)}`;
}
