import type { ModelMeta } from '../metadata/types';

const unquote = (name: string): string => name.replace(/^["`]|["`]$/g, '');

/**
 * The table a statement Drizzle wrote changes existing rows of: `update t`, `delete from t`, or an insert that
 * updates on conflict (`on conflict ... do update`, `on duplicate key update`). A plain insert changes no cached
 * row (nothing is cached for an id before it exists). Undefined for reads and anything else.
 */
export function tableRewrittenBy(text: string): string | undefined {
  const write = /^\s*(update|delete\s+from|insert\s+into)\s+((?:"[^"]+"|`[^`]+`|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|`[^`]+`|[\w$]+))?)/i.exec(text);
  if (!write) return undefined;
  if (/^insert/i.test(write[1]!) && !/\bon\s+(conflict\b[\s\S]*\bdo\s+update|duplicate\s+key\s+update)\b/i.test(text)) return undefined;
  const parts = write[2]!.split('.').map((p) => unquote(p.trim()));
  return parts[parts.length - 1];
}

/** The cached models stored in `table`. */
export function cachedModelsOf(table: string, models: readonly ModelMeta[]): ModelMeta[] {
  return models.filter((meta) => meta.options.cache && meta.collection === table);
}
