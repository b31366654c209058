import { ConfigError } from '../errors';
import { declareRelation } from '../metadata/declarations';
import type { RelationKind, RelationOptions } from './relation-types';

type PropertyDecorator = (target: object, property: string | symbol) => void;

function relation(kind: RelationKind, decorator: string) {
  return (target: () => Function, options: RelationOptions): PropertyDecorator =>
    (prototype, property) => {
      const where = `@${decorator} on ${prototype.constructor.name}.${String(property)}`;
      if (typeof property !== 'string') throw new ConfigError(`${where}: symbol properties cannot hold relations`);
      if (typeof target !== 'function') throw new ConfigError(`${where}: the target must be a thunk, e.g. () => Patient`);
      if (!options || typeof options.foreignKey !== 'string' || options.foreignKey.length === 0) {
        throw new ConfigError(`${where}: options.foreignKey must name a field`);
      }
      declareRelation(prototype.constructor, { property, kind, target, foreignKey: options.foreignKey });
    };
}

/**
 * This model holds the id of one `Target` in `foreignKey`; `populate` sets the property to that instance, or
 * null when it is missing (or soft-deleted). The target may live in another database.
 *
 * @example
 * @Field() patientId!: string;
 * @BelongsTo(() => Patient, { foreignKey: 'patientId' }) patient?: Patient | null;
 */
export const BelongsTo = relation('belongsTo', 'BelongsTo');

/**
 * `Target` rows whose `foreignKey` holds this model's id; `populate` sets the property to them (`[]` when none).
 *
 * @example
 * @HasMany(() => Appointment, { foreignKey: 'patientId' }) appointments?: Appointment[];
 */
export const HasMany = relation('hasMany', 'HasMany');

/**
 * The one `Target` row whose `foreignKey` holds this model's id; `populate` sets the property to it, or null.
 *
 * @example
 * @HasOne(() => MedicalRecord, { foreignKey: 'patientId' }) record?: MedicalRecord | null;
 */
export const HasOne = relation('hasOne', 'HasOne');
