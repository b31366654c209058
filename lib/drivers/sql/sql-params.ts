import type { SqlDialect } from './dialect';

/**
 * The parameters of one SQL statement in one dialect. Each `add` returns a new placeholder, in the order the text
 * uses them (`?` dialects bind by position), so a value used twice is added twice. JSON values go through the
 * client's `jsonParam` (postgres.js takes the JS value for a jsonb parameter, PGlite and mysql2 JSON text).
 *
 * @example
 * const params = new SqlParams(postgresDialect, (v) => JSON.stringify(v));
 * const sql = `"age" > ${params.add(18)} AND "meta" @> ${params.json({ a: 1 })}::jsonb`; // "$1", "$2"
 * await client.query(sql, params.values);
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(
    readonly dialect: SqlDialect,
    private readonly jsonParam: (v: unknown) => unknown,
  ) {}

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }

  /** Adds a JSON value (serialized by the client's rule) and returns its placeholder, without any cast. */
  json(value: unknown): string {
    return this.add(this.jsonParam(value));
  }
}
