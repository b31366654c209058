import { MASKED } from '../codec/encryption/masks';
import type { FieldErrors } from '../errors';
import type { ModelMeta } from '../metadata/types';

/** The texts by which a value can show in a message: `$value` gives `String(value)`, a message function may use JSON. */
function spellings(value: unknown): string[] {
  const texts = new Set([String(value)]);
  try {
    const json = JSON.stringify(value);
    if (typeof json === 'string') texts.add(json);
  } catch {
    // Not JSON: `String(value)` is all a message can show.
  }
  return [...texts].filter((t) => t.length > 0);
}

/**
 * Replaces, in every validation message, the value of each encrypted field of `instance` by its mask (or
 * `'[encrypted]'`), so that a custom message using `$value` cannot carry a CPF or medical data into a log.
 * Changes `errors` in place.
 */
export function hideEncryptedValues(meta: ModelMeta, instance: object, errors: FieldErrors): void {
  if (Object.keys(errors).length === 0) return;
  const replacements: Array<[string, string]> = [];
  for (const field of meta.modelFields) {
    const value = (instance as Record<string, unknown>)[field.property];
    if (!field.codec || value === null || value === undefined) continue;
    const shown = String(field.codec.mask ? field.codec.mask(value) : MASKED);
    for (const text of spellings(value)) replacements.push([text, shown]);
  }
  if (replacements.length === 0) return;
  replacements.sort((a, b) => b[0].length - a[0].length);
  for (const messages of Object.values(errors)) {
    for (let i = 0; i < messages.length; i++) {
      for (const [text, shown] of replacements) messages[i] = messages[i]!.split(text).join(shown);
    }
  }
}
