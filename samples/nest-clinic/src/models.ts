import { IsEmail, IsIn, Length, Min } from 'class-validator';
import { BaseModel, EncryptedCPF, Field, Index, Model, Timestamped, Unique } from 'essencia';

/** The database names; which backend is behind each is decided in clinic-config.ts. */
export const PATIENTS_DB = 'patients_db';
export const CLINIC_DB = 'clinic_db';

/** Personal data, with the CPF encrypted at rest (and masked in every response). */
@Model({ database: PATIENTS_DB, collection: 'nest_clinic_patients' })
export class Patient extends Timestamped(BaseModel) {
  @Field() @Length(1, 120) name!: string;
  @EncryptedCPF() cpf!: string;
  @Field() @IsEmail() @Unique() email!: string;
}

export const PAYMENT_METHODS = ['pix', 'credit_card', 'debit_card', 'cash'] as const;

@Model({ database: CLINIC_DB, collection: 'nest_clinic_appointments' })
export class Appointment extends Timestamped(BaseModel) {
  @Field() @Index() patientId!: string;
  @Field() doctorName!: string;
  @Field({ type: 'date' }) appointmentDate!: Date;
  @Field() @IsIn(['scheduled', 'completed', 'cancelled']) status: string = 'scheduled';
  @Field({ type: 'int' }) @Min(0) priceCents = 0;
}

/** Written in the same transaction as the appointment it pays for. */
@Model({ database: CLINIC_DB, collection: 'nest_clinic_payments' })
export class Payment extends Timestamped(BaseModel) {
  @Field() @Index() appointmentId!: string;
  @Field({ type: 'int' }) @Min(1) amountCents!: number;
  @Field() @IsIn([...PAYMENT_METHODS]) method!: string;
}
