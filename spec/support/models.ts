import 'reflect-metadata';
import { IsEmail, Length, Min } from 'class-validator';
import { Exclude } from 'class-transformer';
import {
  AfterDelete, AfterLoad, AfterSave, BaseModel, BeforeDelete, BeforeSave, Field, Index, Model, SoftDelete, Timestamped, Unique, Version,
} from '../../lib';

/** Fixture models of the conformance suite. Every one lives in the database named 'main' (or 'other'). */

@Model({ database: 'main', collection: 'cf_people' })
export class Person extends BaseModel {
  @Field() @Length(1, 100) name!: string;
  @Field() @Unique() @IsEmail() email!: string;
  @Field({ type: 'int' }) @Min(0) age = 0;
  @Field({ type: 'float', nullable: true }) score?: number | null;
  @Field() active: boolean = true;
  @Field({ type: 'date', nullable: true }) born?: Date | null;
  @Field({ type: 'json', nullable: true }) address?: { city?: string | null; zip?: string; floor?: number } | null;
  @Field({ type: 'decimal', nullable: true }) balance?: string | null;
  @Field({ type: 'string', nullable: true, name: 'nick_name_col' }) nickname?: string | null;
  @Exclude() @Field({ type: 'string', nullable: true }) secretNote?: string | null;
}

@Model({ database: 'main', collection: 'cf_appointments' })
export class Appointment extends SoftDelete(Timestamped(BaseModel)) {
  @Field() @Index() patientId!: string;
  @Field() doctorName!: string;
  @Field() appointmentDate!: Date;
  @Field() status: string = 'scheduled';
  @Field({ type: 'int' }) @Min(0) priceCents = 0;
}

/** The mixins in the other order. */
@Model({ database: 'main', collection: 'cf_payments' })
export class Payment extends Timestamped(SoftDelete(BaseModel)) {
  @Field() appointmentId!: string;
  @Field({ type: 'int' }) @Min(1) amountCents!: number;
  @Field({ default: 'BRL' }) currency!: string;
}

@Model({ database: 'main', collection: 'cf_audit' })
export class AuditEntry extends BaseModel {
  @Field() action!: string;
  @Field() subject!: string;
}

/** A model with every lifecycle hook; hooks write audit rows so tests can see they share the transaction. */
@Model({ database: 'main', collection: 'cf_documents', indexes: [{ fields: ['owner', 'title'], unique: true }] })
export class Document extends Timestamped(BaseModel) {
  static failAfterSave = false;
  @Field() owner!: string;
  @Field() title!: string;
  @Field({ type: 'int' }) loads = 0;
  @Field({ type: 'int' }) saves = 0;

  @BeforeSave() countSave(): void {
    this.saves += 1;
  }

  @AfterSave() async audit(): Promise<void> {
    await AuditEntry.create({ action: 'saved', subject: this.title });
    if (Document.failAfterSave) throw new Error('after-save hook failed');
  }

  @BeforeDelete() async auditDelete(): Promise<void> {
    await AuditEntry.create({ action: 'deleting', subject: this.title });
  }

  @AfterDelete() async auditDeleted(): Promise<void> {
    await AuditEntry.create({ action: 'deleted', subject: this.title });
  }

  @AfterLoad() countLoad(): void {
    this.loads += 1;
  }
}

/** Rows for streaming tests. */
@Model({ database: 'main', collection: 'cf_events' })
export class Event extends BaseModel {
  @Field({ type: 'int' }) seq!: number;
  @Field() payload!: string;
}

/** Optimistic locking (soft delete too, for delete / restore / forceDelete of stale instances). */
@Model({ database: 'main', collection: 'cf_tickets' })
export class Ticket extends SoftDelete(BaseModel) {
  @Field() title!: string;
  @Field({ type: 'int' }) seats = 0;
  @Version() version!: number;
}

/** Rows for keyset pages: sort keys with duplicates and nulls. */
@Model({ database: 'main', collection: 'cf_slots' })
export class Slot extends BaseModel {
  @Field({ type: 'int' }) n!: number;
  @Field({ type: 'int', nullable: true }) rank?: number | null;
  @Field({ type: 'string', nullable: true }) label?: string | null;
  @Field({ type: 'date', nullable: true }) at?: Date | null;
  @Field({ type: 'json', nullable: true }) extra?: Record<string, unknown> | null;
}

/** A model in the second database, for cross-database behaviour. */
@Model({ database: 'other', collection: 'cf_visits' })
export class Visit extends BaseModel {
  @Field() personId!: string;
  @Field() note!: string;
}

export const mainModels = [Person, Appointment, Payment, AuditEntry, Document, Event, Ticket, Slot];
