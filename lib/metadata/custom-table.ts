import { ConfigError } from '../errors';

/** The parts of a hand-written Drizzle table that essencia reads (no import of drizzle-orm here). */
export interface CustomTableColumns {
  readonly tableName: string;
  /** Property name → { column name, SQL type }. */
  readonly columns: ReadonlyMap<string, { name: string; sqlType: string }>;
}

interface DrizzleColumnLike {
  name: string;
  getSQLType(): string;
}

/** Reads a Drizzle table's name and columns through its `Symbol.for('drizzle:...')` keys. */
export function readCustomTable(table: unknown, modelName: string): CustomTableColumns {
  const bag = table as Record<symbol, unknown> | null;
  const tableName = bag?.[Symbol.for('drizzle:Name')];
  const columns = bag?.[Symbol.for('drizzle:Columns')] as Record<string, DrizzleColumnLike> | undefined;
  if (typeof tableName !== 'string' || !columns) {
    throw new ConfigError(`@Model({ table }) on ${modelName}: not a Drizzle table (use pgTable(...))`);
  }
  const map = new Map<string, { name: string; sqlType: string }>();
  for (const [property, column] of Object.entries(columns)) {
    map.set(property, { name: column.name, sqlType: column.getSQLType() });
  }
  return { tableName, columns: map };
}
