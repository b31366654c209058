import type { ModelMeta } from '../metadata/types';
import { comparable } from './instance-state';

/** The comparable values of an instance's model fields, aligned with `meta.modelFields` (what dirty checks compare). */
export type Snapshotter = (instance: object) => unknown[];

const compiled = new WeakMap<ModelMeta, Snapshotter>();

/**
 * Straight-line reads with constant property names (a loop over `instance[field.property]` is megamorphic); each
 * value is made comparable exactly as {@link comparable} does, calling it only for objects. Names come from the
 * model's metadata and are embedded as JSON literals.
 */
function compile(meta: ModelMeta): Snapshotter {
  const fields = meta.modelFields;
  const lines = fields.map(
    (f, i) => `v = o[${JSON.stringify(f.property)}]; s[${i}] = typeof v === 'object' && v !== null ? comparable(v) : v === undefined ? null : v;`,
  );
  const body = ['return function snapshotOf(o) {', `  const s = new Array(${fields.length});`, '  let v;', ...lines.map((l) => `  ${l}`), '  return s;', '};'].join('\n');
  return new Function('comparable', body)(comparable) as Snapshotter;
}

/** What takes the snapshot of an instance of a model (compiled on first use): for loops over many instances. */
export function snapshotter(meta: ModelMeta): Snapshotter {
  let snapshot = compiled.get(meta);
  if (!snapshot) compiled.set(meta, (snapshot = compile(meta)));
  return snapshot;
}

/** The snapshot of an instance now. */
export function snapshotOf(meta: ModelMeta, instance: object): unknown[] {
  return snapshotter(meta)(instance);
}
