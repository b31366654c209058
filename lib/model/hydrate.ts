import { decodeValue } from '../codec/row-codec';
import type { StoredRow } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';
import { runHooks } from './hooks';
import { comparable, setState } from './instance-state';
import { rowHydrator } from './row-hydrator';

/**
 * Builds model instances from stored rows: `Object.create(prototype)` and plain assignment (no constructor,
 * no class-transformer), decoding only fields that need it. `partial` marks instances loaded with `select()`.
 */
export async function hydrate<T>(meta: ModelMeta, rows: readonly StoredRow[], partial = false): Promise<T[]> {
  const out: T[] = partial ? hydratePartial<T>(meta, rows) : rows.map(rowHydrator(meta) as (row: StoredRow) => T);
  if (meta.hooks.afterLoad.length > 0) for (const instance of out) await runHooks(meta, 'afterLoad', instance as object);
  return out;
}

/** Instances loaded with `select()`: only the selected fields are set, and they refuse `save()`. */
function hydratePartial<T>(meta: ModelMeta, rows: readonly StoredRow[]): T[] {
  const fields = meta.modelFields;
  const proto = meta.ctor.prototype as object;
  const out: T[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const instance = Object.create(proto) as Record<string, unknown>;
    const id = row[meta.id.column] as string;
    const snapshot: unknown[] = new Array(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const stored = row[field.column];
      if (stored === undefined) continue;
      const value = field.isId ? id : decodeValue(meta, field, stored, id);
      instance[field.property] = value;
      snapshot[i] = comparable(value);
    }
    setState(instance, { persisted: true, partial: true, snapshot });
    out[r] = instance as T;
  }
  return out;
}
