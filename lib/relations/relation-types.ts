/** The kinds of relation a model can declare. */
export type RelationKind = 'belongsTo' | 'hasMany' | 'hasOne';

/** Options of `@BelongsTo`, `@HasMany` and `@HasOne`. */
export interface RelationOptions {
  /**
   * The field that holds the other side's id: on this model for `@BelongsTo`, on the target model for
   * `@HasMany` / `@HasOne`. It must not be an encrypted field.
   */
  foreignKey: string;
}

/** A declared relation: a model property filled by `populate`, never stored. */
export interface RelationMeta {
  readonly property: string;
  readonly kind: RelationKind;
  /** The related model class (a thunk, so that models may refer to each other in any order). */
  readonly target: () => Function;
  readonly foreignKey: string;
}
