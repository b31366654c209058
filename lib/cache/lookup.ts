import type { FilterNode, FindSpec } from '../query/filter-ast';
import type { FieldMeta, ModelMeta } from '../metadata/types';

/** A read the cache can answer: one row by its id, or by the value of a unique field, within a soft-delete scope. */
export interface UniqueLookup {
  readonly field: FieldMeta;
  readonly value: string | number;
  readonly scope: string;
  /** The soft-delete part of the filter, as `findById` takes it. */
  readonly scopeFilter: FilterNode | undefined;
}

const NO_SCOPE = '*';

/**
 * The name of a soft-delete scope filter (`findById`'s `scope`, or the part of a query's filter that is not the
 * lookup), or undefined when the filter is anything else.
 */
export function scopeName(meta: ModelMeta, scope: FilterNode | undefined): string | undefined {
  if (scope === undefined) return NO_SCOPE;
  if (scope.kind !== 'cmp' || scope.value !== null || scope.ref.path.length > 0 || scope.ref.field !== meta.softDelete) return undefined;
  return scope.op === 'eq' || scope.op === 'ne' ? scope.op : undefined;
}

/** Every scope name a row of this model can be cached under (to drop them all when the row changes). */
export function scopeNames(meta: ModelMeta): readonly string[] {
  return meta.softDelete ? [NO_SCOPE, 'eq', 'ne'] : [NO_SCOPE];
}

function uniqueField(meta: ModelMeta, node: FilterNode): FieldMeta | undefined {
  if (node.kind !== 'cmp' || node.op !== 'eq' || node.ref.path.length > 0 || node.ref.field.isId) return undefined;
  const field = node.ref.field;
  const unique = meta.indexes.some((i) => i.unique && i.fields.length === 1 && i.fields[0] === field.property);
  return unique ? field : undefined;
}

/**
 * The unique lookup a query is, if it is one: equality on one unique field (a blind index for an encrypted
 * one), maybe with the soft-delete scope, all columns, no offset. Anything else is not cached.
 */
export function uniqueLookup(meta: ModelMeta, spec: FindSpec): UniqueLookup | undefined {
  const { filter } = spec;
  if (!filter || spec.fields !== undefined || (spec.offset ?? 0) !== 0 || spec.limit === 0) return undefined;
  const parts = filter.kind === 'and' ? filter.nodes : [filter];
  if (parts.length > 2) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const node = parts[i]!;
    const field = uniqueField(meta, node);
    if (!field) continue;
    const value = (node as { value: unknown }).value;
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) return undefined;
    const scopeFilter = parts.length === 2 ? parts[1 - i] : undefined;
    const scope = scopeName(meta, scopeFilter);
    return scope === undefined ? undefined : { field, value, scope, scopeFilter };
  }
  return undefined;
}

/**
 * The ids a write filter is confined to (`id = x`, `id in [...]`, or an `and` holding one), or undefined when
 * any row may match.
 */
export function idsOfFilter(meta: ModelMeta, filter: FilterNode | undefined): readonly string[] | undefined {
  if (!filter) return undefined;
  if (filter.kind === 'and') {
    for (const node of filter.nodes) {
      const ids = idsOfFilter(meta, node);
      if (ids) return ids;
    }
    return undefined;
  }
  if (filter.kind !== 'cmp' || filter.ref.field !== meta.id || filter.ref.path.length > 0) return undefined;
  if (filter.op === 'eq' && typeof filter.value === 'string') return [filter.value];
  if (filter.op === 'in' && Array.isArray(filter.value) && filter.value.every((v) => typeof v === 'string')) return filter.value as string[];
  return undefined;
}
