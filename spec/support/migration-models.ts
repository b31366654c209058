import { BaseModel, EncryptedStr, Field, Index, Model, Unique } from '../../lib';

/**
 * Two versions of one application, each on its own database name (the same physical database): v1 is migrated
 * first, then v2 (a new field, a rename, a dropped field, a new model, a new compound index).
 */
@Model({ database: 'mig_v1', collection: 'mig_patients' })
export class MigPatientV1 extends BaseModel {
  @Field() @Index() name!: string;
  @Field({ type: 'string', nullable: true }) email?: string | null;
  @Field({ type: 'string', nullable: true }) legacyCode?: string | null;
}

@Model({ database: 'mig_v2', collection: 'mig_patients', indexes: [{ fields: ['name', 'phone'] }] })
export class MigPatientV2 extends BaseModel {
  @Field() @Index() name!: string;
  @Field({ type: 'string', nullable: true, renamedFrom: 'email' }) emailAddress?: string | null;
  @Field({ type: 'string', nullable: true }) phone?: string | null;
  @Field({ default: 'active' }) status!: string;
}

@Model({ database: 'mig_v2', collection: 'mig_clinics' })
export class MigClinic extends BaseModel {
  @Field() title!: string;
}

/** v1 allows what v2 forbids: a missing label, duplicate codes. */
@Model({ database: 'mig_nd_v1', collection: 'mig_tags' })
export class MigTagV1 extends BaseModel {
  @Field({ type: 'string', nullable: true }) label?: string | null;
  @Field({ type: 'string', nullable: true }) code?: string | null;
}

@Model({ database: 'mig_nd_v2', collection: 'mig_tags' })
export class MigTagV2 extends BaseModel {
  @Field() label!: string;
  @Field({ type: 'string', nullable: true }) @Unique() code?: string | null;
}

/** A field that held plaintext (v1) and is encrypted in v2. */
@Model({ database: 'mig_enc_v1', collection: 'mig_notes' })
export class MigNoteV1 extends BaseModel {
  @Field() body!: string;
}

@Model({ database: 'mig_enc_v2', collection: 'mig_notes' })
export class MigNoteV2 extends BaseModel {
  @EncryptedStr({ context: 'mig-note' }) body!: string;
}

/** Tables and collections the migration suite creates. */
export const MIGRATION_TABLES = ['mig_patients', 'mig_clinics', 'mig_tags', 'mig_notes', 'mig_broken', 'mig_cli_items', 'essencia_migrations', 'essencia_migrations_lock'];

/** Reads what the CLI test's child processes wrote (their own model class lives in their config module). */
@Model({ database: 'mig_cli_check', collection: 'mig_cli_items' })
export class MigCliItemCheck extends BaseModel {
  @Field({ type: 'int' }) n!: number;
}
