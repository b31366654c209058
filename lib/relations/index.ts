export { BelongsTo, HasMany, HasOne } from './decorators';
export type { RelationKind, RelationOptions } from './relation-types';
