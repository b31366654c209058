import type { FieldMeta, ModelMeta } from '../metadata/types';
import { comparable } from './instance-state';
import { perModel } from '../metadata/per-model';

/** The comparable values of an instance's model fields, aligned with `meta.modelFields` (what dirty checks compare). */
export type Snapshotter = (instance: object) => unknown[];

/** The model fields whose value differs from a snapshot's (ids and the version field never count). */
export type DirtyCheck = (instance: object, snapshot: readonly unknown[]) => FieldMeta[];

/** How a value read into `v` is made comparable, as {@link comparable} does, calling it only for objects. */
const COMPARABLE_V = `(typeof v === 'object' && v !== null ? comparable(v) : v === undefined ? null : v)`;

/**
 * Straight-line reads with constant property names (a loop over `instance[field.property]` is megamorphic); each
 * value is made comparable exactly as {@link comparable} does, calling it only for objects. Names come from the
 * model's metadata and are embedded as JSON literals.
 */
function compile(meta: ModelMeta): Snapshotter {
  const fields = meta.modelFields;
  const lines = fields.map(
    (f, i) => `v = o[${JSON.stringify(f.property)}]; s[${i}] = ${COMPARABLE_V};`,
  );
  const body = ['return function snapshotOf(o) {', `  const s = new Array(${fields.length});`, '  let v;', ...lines.map((l) => `  ${l}`), '  return s;', '};'].join('\n');
  return new Function('comparable', body)(comparable) as Snapshotter;
}

/** What takes the snapshot of an instance of a model (compiled on first use): for loops over many instances. */
export const snapshotter: (meta: ModelMeta) => Snapshotter = perModel(compile);

/** The snapshot of an instance now. */
export function snapshotOf(meta: ModelMeta, instance: object): unknown[] {
  return snapshotter(meta)(instance);
}

/**
 * As the snapshotter, straight-line reads with constant names. A value identical to the snapshot's is unchanged
 * without more work: snapshots hold no objects and no undefined, so only an unchanged primitive can be identical.
 */
function compileCheck(meta: ModelMeta): DirtyCheck {
  const lines: string[] = [];
  meta.modelFields.forEach((f, i) => {
    if (f.isId || f === meta.version) return;
    lines.push(`v = o[${JSON.stringify(f.property)}]; if (v !== s[${i}] && ${COMPARABLE_V} !== s[${i}]) changed.push(fields[${i}]);`);
  });
  const body = ['return function changedFields(o, s) {', '  const changed = [];', '  let v;', ...lines.map((l) => `  ${l}`), '  return changed;', '};'].join('\n');
  return new Function('fields', 'comparable', body)(meta.modelFields, comparable) as DirtyCheck;
}

const dirtyCheck = perModel(compileCheck);

/** The fields of an instance whose value differs from `snapshot` (compiled per model on first use). */
export function changedFields(meta: ModelMeta, instance: object, snapshot: readonly unknown[]): FieldMeta[] {
  return dirtyCheck(meta)(instance, snapshot);
}
