import { checkValue } from '../codec/scalar';
import { ConfigError, QueryError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { and, type FieldRef, type FilterNode } from './filter-ast';
import { assertSingleValue } from './filter-values';

/**
 * A condition on a codec (encrypted) field. Equality goes through the field's companion (blind index):
 * `{ cpf: '123...' }` compares `cpfBidx` with `companion.compute(normalize(value))`; while several keys are
 * known (during a key rotation) it becomes `cpfBidx IN (<index under each key>)`, so rows not yet rotated
 * match. Null comparisons apply to the field itself (`$exists` is parsed before it gets here). Messages never contain the value.
 *
 * @example
 * codecCondition(meta, { field: cpf, path: [] }, '$eq', '123.456.789-09'); // cmp(cpfBidx, 'eq', <hmac>)
 */
export function codecCondition(meta: ModelMeta, ref: FieldRef, op: string, operand: unknown): FilterNode {
  const field = ref.field;
  const name = `${meta.name}.${field.property}`;
  const companion = meta.derivedFields.find((d) => d.derivedFrom === field.property);
  const self = (kind: 'eq' | 'ne', value: unknown): FilterNode => ({ kind: 'cmp', ref: { field, path: [] }, op: kind, value });
  if ((op === '$eq' || op === '$ne') && operand === null) return self(op === '$eq' ? 'eq' : 'ne', null);
  if (!['$eq', '$ne', '$in', '$nin'].includes(op)) {
    throw new QueryError(`${name}: encrypted field ${field.property} supports only $eq, $ne, $in, $nin, $exists (got ${op})`);
  }
  if (!companion) {
    throw new QueryError(`${name}: encrypted field ${field.property} is not searchable: only $exists and comparisons with null are possible`);
  }
  const ref2 = { field: companion, path: [] };
  if (op === '$eq' || op === '$ne') {
    const values = companionValues(meta, field, companion, operand);
    if (values.length === 1) return { kind: 'cmp', ref: ref2, op: op === '$eq' ? 'eq' : 'ne', value: values[0] };
    return { kind: 'cmp', ref: ref2, op: op === '$eq' ? 'in' : 'nin', value: values };
  }
  if (!Array.isArray(operand)) throw new QueryError(`${name}: ${op} needs an array`);
  const hasNull = operand.includes(null);
  const values = operand.filter((v) => v !== null).flatMap((v) => companionValues(meta, field, companion, v));
  const list: FilterNode = { kind: 'cmp', ref: ref2, op: op === '$in' ? 'in' : 'nin', value: values };
  if (!hasNull) return list;
  return op === '$in' ? { kind: 'or', nodes: [self('eq', null), list] } : and([self('ne', null), list]);
}

/** A codec that can compute the companion under every known key (encryption during a key rotation). */
interface MultiKeyCodec {
  blindIndexesForAllKeys(plain: unknown): unknown[];
}

function isMultiKey(codec: unknown): codec is MultiKeyCodec {
  return typeof (codec as Partial<MultiKeyCodec>).blindIndexesForAllKeys === 'function';
}

/**
 * The companion values that stand for `value`: one per known key when the codec knows several keys (so rows
 * whose blind index was written under an older key, not yet rotated, still match), else just one.
 */
function companionValues(meta: ModelMeta, field: FieldMeta, companion: FieldMeta, value: unknown): unknown[] {
  const name = `${meta.name}.${field.property}`;
  try {
    assertSingleValue(meta, { field, path: [] }, 'an encrypted field', value);
  } catch {
    throw new QueryError(`${name}: an encrypted field compares only with single values (use $in for a list)`);
  }
  const codec = field.codec!;
  let computed: unknown[];
  try {
    const plain = codec.normalize ? codec.normalize(value) : value;
    computed = isMultiKey(codec) ? codec.blindIndexesForAllKeys(plain) : [codec.companion!.compute(plain)];
  } catch (error) {
    // No key configured: say so. Any other codec message may quote the plaintext: it is not passed on.
    if (error instanceof ConfigError) throw error;
    throw new QueryError(`${name}: the value cannot be searched in this encrypted field (the codec refused it)`);
  }
  return computed.map((c) => {
    const checked = checkValue(companion.type, c);
    if (!checked.ok) throw new QueryError(`${name}: the searchable form of the value is invalid (${checked.message})`);
    return checked.value;
  });
}
