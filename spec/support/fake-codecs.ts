import type { FieldCodec } from '../../lib/codec/field-codec';
import { declareField } from '../../lib/metadata/declarations';

/** A fake searchable codec for tests: "encrypts" by prefixing `enc:`, companion = `h:` + the value. */
export const prefixCodec: FieldCodec = {
  storedType: 'string',
  encode: (v) => `enc:${String(v)}`,
  decode: (v) => String(v).slice(4),
  companion: { suffix: 'bidx', type: 'string', compute: (v) => `h:${String(v)}` },
};

/** Declares a field stored through `codec` (what the @Encrypted... decorators do with the real one). */
export function Coded(codec: FieldCodec = prefixCodec): PropertyDecorator {
  return (target, property) => declareField(target.constructor, property as string, { codec });
}
