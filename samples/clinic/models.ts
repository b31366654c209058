import { IsEmail, IsIn, Length, Min } from 'class-validator';
// In an application: `from 'essencia'`. The sample compiles against the library's sources.
import { BaseModel, EncryptedCPF, EncryptedMedicalData, Field, Index, Model, SoftDelete, Timestamped, Unique } from '../../lib';

/** Where each model lives; the URLs behind these names are chosen in databases.ts. */
export const PATIENTS_DB = 'patients_db';
export const CLINIC_DB = 'clinic_db';

/** What a patient's encrypted medical history holds (any JSON value would do). */
export interface MedicalHistory {
  allergies: string[];
  conditions: string[];
  notes?: string;
}

/**
 * Personal data: document-oriented, with field-level encryption (the Python guide keeps it in MongoDB).
 * `cpf` is validated, stored as ciphertext plus a blind index (so `findOne({ cpf })` works) and masked by
 * `toJSON()`; `history` is encrypted JSON, shown as "[encrypted]".
 */
@Model({ database: PATIENTS_DB, collection: 'clinic_patients' })
export class Patient extends BaseModel {
  @Field() @Length(1, 120) name!: string;
  @EncryptedCPF() cpf!: string;
  @Field() @IsEmail() @Unique() email!: string;
  // Optional: the encrypted decorators have no `nullable` option, so `@Field({ nullable: true })` says it.
  @EncryptedMedicalData() @Field({ nullable: true }) history?: MedicalHistory | null;
}

export const APPOINTMENT_STATUSES = ['scheduled', 'completed', 'cancelled'] as const;

/** Relational, transactional data (the Python guide keeps it in PostgreSQL). */
@Model({ database: CLINIC_DB, collection: 'clinic_appointments' })
export class Appointment extends SoftDelete(Timestamped(BaseModel)) {
  /** The id of a Patient in the other database: no foreign key across databases, only an index. */
  @Field() @Index() patientId!: string;
  @Field() doctorName!: string;
  @Field({ type: 'date' }) appointmentDate!: Date;
  @Field() @IsIn([...APPOINTMENT_STATUSES]) status: string = 'scheduled';
  @Field({ type: 'int' }) @Min(0) priceCents = 0;
}

/** Money: written in the same transaction as the appointment it pays for. */
@Model({ database: CLINIC_DB, collection: 'clinic_payments' })
export class Payment extends Timestamped(BaseModel) {
  @Field() @Index() appointmentId!: string;
  @Field({ type: 'int' }) @Min(1) amountCents!: number;
  @Field() @IsIn(['pix', 'credit_card', 'debit_card', 'cash']) method!: string;
}
