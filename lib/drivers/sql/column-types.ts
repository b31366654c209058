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
