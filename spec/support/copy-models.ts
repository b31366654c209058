import 'reflect-metadata';
import { BaseModel, EncryptedCPF, Field, Model, MongoModel, SoftDelete } from '../../lib';
import { cpfCheckDigits } from '../../lib/validation/cpf';

/**
 * Fixture models of the copy suite: one patient shape bound to three databases under the same collection name,
 * (or two, for the CLI suite) so that rows copied from one can be read (and searched by CPF) through the model of another.
 */
function patientOf(database: string, collection = 'cp_patients') {
  @Model({ database, collection })
  class CopyPatient extends SoftDelete(BaseModel) {
    @Field() name!: string;
    @Field({ type: 'date', nullable: true }) born?: Date | null;
    @Field({ type: 'decimal', nullable: true }) balance?: string | null;
    @Field({ type: 'json', nullable: true }) profile?: Record<string, unknown> | null;
    @Field({ type: 'int', nullable: true }) visits?: number | null;
    @EncryptedCPF() cpf!: string;
  }
  return CopyPatient;
}

export const MongoPatient = patientOf('cp_mongo');
export const PgPatient = patientOf('cp_pg');
export const LocalPatient = patientOf('cp_local');
export const SqlitePatient = patientOf('cp_sqlite');
/** The MariaDB / MySQL side of copy-mariadb.test.ts, and its embedded partner. */
export const MysqlPatient = patientOf('cp_my', 'cp_my_patients');
export const MyLocalPatient = patientOf('cp_my_local', 'cp_my_patients');
/** The CLI suite's pair, in tables of their own (the suites may run at the same time on one PostgreSQL). */
export const KillSourcePatient = patientOf('cp_kill_src', 'cp_kill_patients');
export const KillTargetPatient = patientOf('cp_kill_pg', 'cp_kill_patients');

/** A model that insists on MongoDB: copying it to PostgreSQL is refused. */
@Model({ database: 'cp_mongo', collection: 'cp_mongo_only' })
export class MongoOnly extends MongoModel {
  @Field() label!: string;
}

/** A valid CPF (check digits computed) from a small number. */
export function copyCPF(n: number): string {
  const base = String(100_000_000 + n).slice(-9);
  return base + cpfCheckDigits(base);
}
