/** Keys of T that hold data: no methods, no `$`-prefixed framework members. */
export type DataKeys<T> = {
  [K in keyof T]-?: K extends `$${string}` ? never : T[K] extends (...args: never[]) => unknown ? never : K;
}[keyof T] &
  string;

/** The data of a model, all optional: what `create`, `build` and `insertMany` take. */
export type ModelData<T> = { [K in DataKeys<T>]?: T[K] };

/** A constructor of model instances (what `this` is in the static methods). */
export type ModelCtor<T> = (abstract new (...args: never[]) => T) & { prototype: T };
