import { MASKED } from '../codec/encryption/masks';
import { declaredFields } from '../metadata/declarations';

type Mask = (plain: unknown) => unknown;

interface ViewOf {
  /** An empty class named like the model, so that `util.inspect` prints `Patient { ... }`. */
  readonly View: new () => object;
  /** What each encrypted property shows instead of its value. */
  readonly masks: ReadonlyMap<string, Mask>;
}

const views = new WeakMap<Function, ViewOf>();

/**
 * The masks of every encrypted property of a class and its bases, read from the decorators (so that it also works
 * for a class whose model metadata cannot be built). A field exposed in plain text shows its value, as in `toJSON()`.
 */
function masksOf(ctor: Function): Map<string, Mask> {
  const masks = new Map<string, Mask>();
  for (let c: unknown = ctor; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const [property, decl] of declaredFields(c as Function) ?? []) {
      if (!decl.codec || masks.has(property)) continue;
      masks.set(property, decl.codec.mask ? decl.codec.mask.bind(decl.codec) : (): unknown => MASKED);
    }
  }
  return masks;
}

function viewOf(ctor: Function): ViewOf {
  let found = views.get(ctor);
  if (!found) {
    const name = ctor.name || 'Model';
    const View = { [name]: class {} }[name]!;
    found = { View, masks: masksOf(ctor) };
    views.set(ctor, found);
  }
  return found;
}

/**
 * What `util.inspect` and `console.log` show for a model instance: an object of the model's name holding the
 * instance's own properties, encrypted ones replaced by their mask (as `toJSON()` shows them). Node formats it
 * with the caller's depth and options; essencia's internal state (a symbol property) is left out.
 *
 * @example
 * inspect(patient); // "Patient { id: '0192...', name: 'Maria', cpf: '***.***.*47-25', history: '[encrypted]' }"
 */
export function inspectView(instance: object): object {
  const { View, masks } = viewOf(instance.constructor);
  const view = new View() as Record<string, unknown>;
  const source = instance as Record<string, unknown>;
  for (const key of Object.keys(instance)) {
    const mask = masks.get(key);
    const value = source[key];
    view[key] = mask && value !== null && value !== undefined ? mask(value) : value;
  }
  return view;
}
