import type BetterSqlite3 from 'better-sqlite3';
import { decimalKey } from './decimal-key';
import { ABSENT, matchJson } from './json-match';
import type { JsonProgram } from './json-program';
import { jsonSortKey } from './json-sort-key';
import { compiledRegex } from './regex-js';

/** Parses JSON text through a small cache: one statement evaluates the same program (and often the same row) many times. */
class ParseCache {
  readonly #map = new Map<string, unknown>();
  constructor(private readonly limit: number) {}
  /** The parsed value; text that is not JSON (written by hand into a json column) reads as absent. */
  get(text: string): unknown {
    let value = this.#map.get(text);
    if (value === undefined) {
      try {
        value = JSON.parse(text);
      } catch {
        return ABSENT;
      }
      if (this.#map.size >= this.limit) this.#map.delete(this.#map.keys().next().value!);
      this.#map.set(text, value);
    }
    return value;
  }
}

const DETERMINISTIC = { deterministic: true, varargs: false } as const;

/**
 * The SQL functions essencia's SQLite statements use, registered on each connection:
 * - `regexp(pattern, text)`, behind `text REGEXP pattern`: a JavaScript RegExp (flag `u`) of the portable subset
 *   rendered by regex-js.ts;
 * - `essencia_json(value, program)`: a json condition under MongoDB's path rules (json-match.ts);
 * - `essencia_json_sort(value, path)`: the sort key of a json value (json-sort-key.ts);
 * - `essencia_decimal(text)`: the sort key of a decimal (decimal-key.ts).
 */
export function registerFunctions(db: BetterSqlite3.Database): void {
  const programs = new ParseCache(200);
  const documents = new ParseCache(16);
  db.function('regexp', DETERMINISTIC, (pattern: unknown, text: unknown) =>
    typeof text === 'string' && typeof pattern === 'string' && compiledRegex(pattern).test(text) ? 1 : 0,
  );
  db.function('essencia_json', DETERMINISTIC, (value: unknown, program: unknown) => {
    const root = typeof value === 'string' ? documents.get(value) : ABSENT;
    return matchJson(programs.get(program as string) as JsonProgram, root) ? 1 : 0;
  });
  db.function('essencia_json_sort', DETERMINISTIC, (value: unknown, path: unknown) =>
    jsonSortKey(typeof value === 'string' ? documents.get(value) : ABSENT, programs.get(path as string) as string[]),
  );
  db.function('essencia_decimal', DETERMINISTIC, (text: unknown) => (typeof text === 'string' ? (decimalKey(text) ?? null) : null));
}
