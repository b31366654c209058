import type { FieldMeta, FieldType } from '../../metadata/types';

const SQL_TYPES: Record<FieldType, string> = {
  string: 'text',
  int: 'integer',
  float: 'double precision',
  boolean: 'boolean',
  date: 'timestamptz',
  json: 'jsonb',
  decimal: 'numeric',
};

/** The SQL type of a field's column. Text is compared and sorted byte-wise (COLLATE "C"), as MongoDB does. */
export function columnType(field: FieldMeta): string {
  return field.sqlType ?? (field.type === 'string' ? 'text COLLATE "C"' : SQL_TYPES[field.type]);
}

/**
 * The array type a list parameter compared with `field`'s column must be cast to: clients type an
 * uncast array parameter from its first element.
 */
export function arrayType(field: FieldMeta): string {
  return `${field.sqlType ?? SQL_TYPES[field.type]}[]`;
}

/** The SQL type of a field's values, without the column's collation. */
export function valueType(field: FieldMeta): string {
  return field.sqlType ?? SQL_TYPES[field.type];
}
