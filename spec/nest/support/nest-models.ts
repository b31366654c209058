import { Length } from 'class-validator';
import { BaseModel, Field, Model, Unique } from '../../../lib';

/** The databases the NestJS tests configure (names of their own, so no other test collides). */
export const DB_A = 'nest_a';
export const DB_B = 'nest_b';

@Model({ database: DB_A, collection: 'nest_notes' })
export class Note extends BaseModel {
  @Field() @Length(1, 20) text!: string;
  @Field() @Unique() slug!: string;
}

@Model({ database: DB_B, collection: 'nest_tags' })
export class Tag extends BaseModel {
  @Field() label!: string;
}

/** A model whose database no test configures. */
@Model({ database: 'nest_nowhere', collection: 'nest_orphans' })
export class Orphan extends BaseModel {
  @Field() label!: string;
}
