import { declareTraits } from '../metadata/declarations';
import { Field } from '../metadata/decorators';
import { deleteInstance, restoreInstance } from './persist';
import type { BaseModel } from './base-model';

/** Any model class, abstract or not (what a mixin takes). */
export type AnyModelClass = abstract new (...args: any[]) => BaseModel;

/** Members a `Timestamped` model has. */
export interface TimestampedMembers {
  /** Set on insert. */
  createdAt: Date;
  /** Set on insert and on every update. */
  updatedAt: Date;
}

/** Members a `SoftDelete` model has. */
export interface SoftDeleteMembers {
  /** When the row was soft-deleted; null while it is live. */
  deletedAt: Date | null;
  /** Clears `deletedAt`. */
  restore(): Promise<this>;
  /** Deletes the row for real. */
  forceDelete(): Promise<void>;
}

/**
 * Adds `createdAt` and `updatedAt`, stamped on insert and on every update.
 *
 * @example
 * @Model({ database: 'pg_main' })
 * class Payment extends Timestamped(BaseModel) { ... }
 */
export function Timestamped<TBase extends AnyModelClass>(Base: TBase): TBase & (abstract new (...args: any[]) => TimestampedMembers) {
  abstract class TimestampedModel extends Base {
    @Field({ type: 'date' }) createdAt!: Date;
    @Field({ type: 'date' }) updatedAt!: Date;
  }
  declareTraits(TimestampedModel, { timestamps: true });
  return TimestampedModel;
}

/**
 * Adds `deletedAt`: `delete()` and `deleteMany()` only stamp it, every read hides such rows unless
 * `withDeleted()`, and `restore()` / `forceDelete()` are available.
 *
 * @example
 * @Model({ database: 'pg_main' })
 * class Appointment extends SoftDelete(Timestamped(BaseModel)) { ... }
 */
export function SoftDelete<TBase extends AnyModelClass>(Base: TBase): TBase & (abstract new (...args: any[]) => SoftDeleteMembers) {
  abstract class SoftDeleteModel extends Base {
    @Field({ type: 'date', nullable: true }) deletedAt: Date | null = null;

    async restore(): Promise<this> {
      await restoreInstance(this as unknown as Record<string, unknown>);
      return this;
    }

    async forceDelete(): Promise<void> {
      await deleteInstance(this as unknown as Record<string, unknown>, true);
    }
  }
  declareTraits(SoftDeleteModel, { softDelete: true });
  return SoftDeleteModel;
}
