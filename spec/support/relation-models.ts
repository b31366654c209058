import 'reflect-metadata';
import { Exclude } from 'class-transformer';
import { BaseModel, BelongsTo, Field, HasMany, HasOne, Model, SoftDelete } from '../../lib';

/**
 * Fixture models of the relations suite. Patients live in the database named 'other', everything else in
 * 'main', so that every populate in the suite crosses two databases (of the backend under test).
 */

@Model({ database: 'main', collection: 'rel_doctors' })
export class RelDoctor extends BaseModel {
  @Field() name!: string;
}

@Model({ database: 'other', collection: 'rel_patients' })
export class RelPatient extends SoftDelete(BaseModel) {
  @Field() name!: string;
  @Field({ type: 'string', nullable: true }) doctorId?: string | null;
  @Exclude() @Field({ type: 'string', nullable: true }) internalNote?: string | null;
  @BelongsTo(() => RelDoctor, { foreignKey: 'doctorId' }) doctor?: RelDoctor | null;
  @HasMany(() => RelAppointment, { foreignKey: 'patientId' }) appointments?: RelAppointment[];
  @HasOne(() => RelChart, { foreignKey: 'patientId' }) chart?: RelChart | null;
}

@Model({ database: 'main', collection: 'rel_appointments' })
export class RelAppointment extends BaseModel {
  @Field({ type: 'string', nullable: true }) patientId?: string | null;
  @Field() note!: string;
  @Field({ type: 'date', nullable: true }) at?: Date | null;
  @BelongsTo(() => RelPatient, { foreignKey: 'patientId' }) patient?: RelPatient | null;
}

@Model({ database: 'main', collection: 'rel_charts' })
export class RelChart extends BaseModel {
  @Field() patientId!: string;
  @Field() summary!: string;
}

export const relationModels = { main: [RelDoctor, RelAppointment, RelChart], other: [RelPatient] };
