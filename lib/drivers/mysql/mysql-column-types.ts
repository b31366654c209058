import { ConfigError } from '../../errors';
import type { FieldMeta, ModelMeta } from '../../metadata/types';

/** The default VARCHAR length of an indexed string (ids included). */
export const DEFAULT_INDEXED_LENGTH = 255;
/** InnoDB's largest index key, in bytes. */
const MAX_KEY_BYTES = 3072;

const TYPES = {
  int: 'INT',
  float: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATETIME(3)',
  json: 'JSON',
  // Exact, and wide: 35 digits before the point and 30 after.
  decimal: 'DECIMAL(65,30)',
} as const;

/** Whether a field is in an index (or is the id): a string there must be a VARCHAR. */
export function isIndexed(meta: ModelMeta, field: FieldMeta): boolean {
  return field.isId || meta.indexes.some((i) => i.fields.some((p) => meta.byProperty.get(p) === field));
}

/**
 * The column type of a field. Strings compare byte-wise and keep trailing spaces (`collation`: a NO PAD binary
 * one); indexed strings are `VARCHAR(length)`, others `LONGTEXT`.
 */
export function mysqlColumnType(meta: ModelMeta, field: FieldMeta, collation: string): string {
  if (field.sqlType) return field.sqlType;
  if (field.type !== 'string') return TYPES[field.type];
  const type = isIndexed(meta, field) ? `VARCHAR(${field.length ?? DEFAULT_INDEXED_LENGTH})` : 'LONGTEXT';
  return `${type} CHARACTER SET utf8mb4 COLLATE ${collation}`;
}

/** Refuses, before any DDL runs, an index MySQL cannot build: on a json field, or with a key over 3072 bytes. */
export function assertIndexable(meta: ModelMeta): void {
  for (const index of meta.indexes) {
    const fields = index.fields.map((p) => meta.byProperty.get(p)!);
    const json = fields.find((f) => f.type === 'json' && !f.sqlType);
    if (json) throw new ConfigError(`${meta.name}: the index '${index.name}' is on the json field ${json.property}, which MySQL / MariaDB cannot index`);
    const bytes = fields.reduce((n, f) => n + (f.type === 'string' ? 4 * (f.length ?? DEFAULT_INDEXED_LENGTH) : 8), 0);
    if (bytes > MAX_KEY_BYTES) {
      const strings = fields.filter((f) => f.type === 'string').map((f) => `${f.derivedFrom ?? f.property} (length ${f.length ?? DEFAULT_INDEXED_LENGTH})`);
      throw new ConfigError(
        `${meta.name}: the index '${index.name}' cannot be built on MySQL / MariaDB: its key may take ${bytes} bytes, over InnoDB's ${MAX_KEY_BYTES} (4 bytes per character of ${strings.join(', ')}); set a smaller @Field({ length })`,
      );
    }
  }
}
