import { decodeValue } from '../codec/row-codec';
import type { StoredRow } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';
import { runHooks } from './hooks';
import { comparable, setState } from './instance-state';
import { rowHydrator } from './row-hydrator';

/**
 * Builds model instances from stored rows: an empty object of the model's prototype (the model's constructor and
 * class-transformer never run) and plain assignment, decoding only fields that need it. `partial` marks instances
 * loaded with `select()`.
 */
export function hydrate<T>(meta: ModelMeta, rows: readonly StoredRow[], partial = false): T[] | Promise<T[]> {
  const out: T[] = partial ? hydratePartial<T>(meta, rows) : rows.map(rowHydrator(meta) as (row: StoredRow) => T);
  // A promise only when afterLoad hooks run: a read by id spends more on promises than on hydration.
  return meta.hooks.afterLoad.length > 0 ? afterLoad(meta, out) : out;
}

async function afterLoad<T>(meta: ModelMeta, instances: T[]): Promise<T[]> {
  for (const instance of instances) await runHooks(meta, 'afterLoad', instance as object);
  return instances;
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
