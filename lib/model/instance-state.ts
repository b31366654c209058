/** What essencia tracks per instance, under a symbol so it never shows in keys or JSON. */
export interface InstanceState {
  /** Loaded from or written to the database. */
  persisted: boolean;
  /** Loaded with `select()`: only some fields are present, so it cannot be saved. */
  partial: boolean;
  /** Comparable values of the model fields as last loaded or saved, aligned with `meta.modelFields`. */
  snapshot: unknown[] | undefined;
}

export const STATE = Symbol.for('essencia:state');

type WithState = { [STATE]?: InstanceState };

export function stateOf(instance: object): InstanceState | undefined {
  return (instance as WithState)[STATE];
}

/** A symbol key stays out of `Object.keys`, `for...in` and JSON; plain assignment keeps hydration fast. */
export function setState(instance: object, state: InstanceState): void {
  (instance as WithState)[STATE] = state;
}

/** A value in a form that `===` can compare (dates by time, JSON by text). */
export function comparable(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return value;
}
