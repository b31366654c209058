/**
 * Positional parameters of one SQL statement. JSON values go through `jsonParam`, because postgres.js takes the JS
 * value for a jsonb parameter while PGlite takes JSON text.
 *
 * @example
 * const params = new SqlParams((v) => JSON.stringify(v));
 * const sql = `"age" > ${params.add(18)} AND "meta" @> ${params.json({ a: 1 })}`; // "$1", "$2::jsonb"
 * await client.query(sql, params.values);
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly jsonParam: (v: unknown) => unknown) {}

  /** Adds a value and returns its placeholder (`$n`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds a JSON value (serialized by the client's rule) and returns `$n::jsonb`. */
  json(value: unknown): string {
    return `${this.add(this.jsonParam(value))}::jsonb`;
  }
}
