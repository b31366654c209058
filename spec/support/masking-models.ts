import 'reflect-metadata';
import { Exclude, Expose } from 'class-transformer';
import { IsEmail, MaxLength, type ValidationArguments } from 'class-validator';
import { BaseModel, EncryptedCPF, EncryptedMedicalData, EncryptedStr, Field, Model, Unique } from '../../lib';

/**
 * Fixture models of the "plaintext does not escape" and "validation rules" suites. The encrypted ones live in
 * their own databases ('mask', 'mask_unsynced' once a test key is configured; 'rules'), created by those suites.
 */

/** Encrypted fields whose validation messages try to show the value (`$value`, a message function). */
@Model({ database: 'mask', collection: 'mask_patients' })
export class MaskPatient extends BaseModel {
  @Field() name!: string;
  @Field() @IsEmail() email!: string;
  @EncryptedCPF({ message: '$property: $value is not a valid CPF' }) @Unique() cpf!: string;
  @EncryptedMedicalData() @Field({ nullable: true }) history?: Record<string, unknown> | null;
  @EncryptedStr({ context: 'notes' })
  @MaxLength(40, { message: (args: ValidationArguments) => `notes too long: ${JSON.stringify(args.value)}` })
  @Field({ nullable: true })
  notes?: string | null;
  @Exclude() @Field({ type: 'string', nullable: true }) internalCode?: string | null;
}

/** class-transformer's `@Expose` with a rename, for `instanceToPlain(..., { excludeExtraneousValues: true })`. */
@Model({ database: 'mask', collection: 'mask_exposed' })
export class ExposedPatient extends BaseModel {
  @Expose() @Field() name!: string;
  @Expose({ name: 'document' }) @EncryptedCPF() cpf!: string;
  @Expose() @EncryptedMedicalData() history?: Record<string, unknown> | null;
  @Field() unexposed!: string;
}

/** A model whose table / collection is never created by `sync()` in the tests. */
@Model({ database: 'mask_unsynced', collection: 'mask_never_synced' })
export class UnsyncedPatient extends BaseModel {
  @Field() name!: string;
  @EncryptedCPF() cpf!: string;
  @EncryptedMedicalData() history?: Record<string, unknown> | null;
}

/** A nullable field with rules (`@IsOptional()` is not needed), and plain fields for many invalid rows. */
@Model({ database: 'rules', collection: 'rules_contacts' })
export class Contact extends BaseModel {
  @Field() @MaxLength(20) name!: string;
  @Field({ type: 'string', nullable: true }) @IsEmail() email?: string | null;
  @Field({ type: 'string', nullable: true }) @IsEmail() @MaxLength(40) backupEmail?: string | null;
}
