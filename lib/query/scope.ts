import type { ModelMeta } from '../metadata/types';
import { cmp, type FilterNode } from './filter-ast';

/** Which rows of a SoftDelete model a read sees. */
export type DeletedScope = 'active' | 'with' | 'only';

/** The filter that applies the soft-delete scope, or undefined when the model has none / all rows are wanted. */
export function scopeFilter(meta: ModelMeta, scope: DeletedScope): FilterNode | undefined {
  if (!meta.softDelete || scope === 'with') return undefined;
  return cmp(meta.softDelete, scope === 'active' ? 'eq' : 'ne', null);
}
