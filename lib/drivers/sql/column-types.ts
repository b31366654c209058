import type { FieldMeta, FieldType } from '../../metadata/types';

/** Text is compared and sorted byte-wise (COLLATE "C"), as MongoDB does, so both backends agree. */
const SQL_TYPES: Record<FieldType, string> = {
  string: 'text COLLATE "C"',
  int: 'integer',
  float: 'double precision',
  boolean: 'boolean',
  date: 'timestamptz',
  json: 'jsonb',
  decimal: 'numeric',
};

/** The SQL type of a field's column. */
export function columnType(field: FieldMeta): string {
  return field.sqlType ?? SQL_TYPES[field.type];
}

const ELEMENT_TYPES: Record<FieldType, string> = {
  string: 'text',
  int: 'integer',
  float: 'double precision',
  boolean: 'boolean',
  date: 'timestamptz',
  json: 'jsonb',
  decimal: 'numeric',
};

/**
 * The array type a list parameter compared with `field`'s column must be cast to: clients type an
 * uncast array parameter from its first element (postgres.js sends `[false]` as a boolean, not an array).
 */
export function arrayType(field: FieldMeta): string {
  return `${field.sqlType ?? ELEMENT_TYPES[field.type]}[]`;
}
