import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { find } from 'mingo';
import type { SqlDialect } from '../../lib/drivers/sql/dialect';
import { compileFilter, compileOrderBy } from '../../lib/drivers/sql/filter-sql';
import { SqlParams } from '../../lib/drivers/sql/sql-params';
import { parseFilter, parseSort } from '../../lib/query/filter-parse';
import { mingoMatch, oracleFilters, oracleMeta, oracleRows, storedDocument, type OracleData } from './filter-oracle';

/** A raw SQL connection holding the table `oracle_rows` (see ORACLE_TABLE_SQL), in one dialect. */
export interface RawOracleTarget {
  readonly dialect: SqlDialect;
  /** How a json parameter is bound. */
  readonly json: (v: unknown) => unknown;
  /** Replaces the table's rows with `rows`. */
  load(rows: readonly OracleData[]): Promise<void>;
  /** The ids a statement selects. */
  ids(text: string, params: readonly unknown[]): Promise<string[]>;
}

const sorted = (ids: string[]) => [...ids].sort();

/**
 * The dialect's compiled filters and sorts, run on the raw connection, against mingo: random filters over three row
 * sets, and every sort key in both directions.
 */
export function rawSqlOracleTests(label: string, target: () => RawOracleTarget): void {
  const meta = oracleMeta();
  const sqlMatch = async (filter: Record<string, unknown>): Promise<string[]> => {
    const { dialect, json, ids } = target();
    const node = parseFilter(meta, filter);
    const params = new SqlParams(dialect, json);
    const where = node ? compileFilter(node, params) : 'TRUE';
    return ids(`SELECT id FROM oracle_rows WHERE ${where}`, params.values);
  };

  for (const seed of [1, 2, 3]) {
    test(`${label} matches mingo for random filters (row set ${seed})`, async () => {
      const [rows] = fc.sample(oracleRows({ minLength: 30, maxLength: 40 }), { numRuns: 1, seed });
      await target().load(rows!);
      await fc.assert(
        fc.asyncProperty(oracleFilters(), async (filter) => {
          assert.deepEqual(sorted(await sqlMatch(filter)), sorted(mingoMatch(rows!, filter)));
        }),
        { numRuns: 200, seed: seed * 101 },
      );
    });
  }

  // Objects and arrays are left out: among themselves they follow the database's own json order, not MongoDB's BSON order.
  test(`${label} sorts like MongoDB (nulls first ascending, json type order)`, async () => {
    const { dialect, json, load, ids } = target();
    const [rows] = fc.sample(oracleRows({ minLength: 40, maxLength: 40 }), { numRuns: 1, seed: 5 });
    await load(rows!);
    for (const key of ['s', 'n', 'f', 'b', 'd', 'j.a', 'j.b', 'j.c.x']) {
      for (const dir of [1, -1]) {
        const spec = { [key]: dir, id: 1 };
        const params = new SqlParams(dialect, json);
        const orderBy = compileOrderBy(parseSort(meta, spec), params, dialect.quoteIdent('oracle_rows'));
        const got = await ids(`SELECT id FROM oracle_rows ORDER BY ${orderBy}`, params.values);
        const expected = find(rows!.map(storedDocument), {}).sort(spec).all().map((r) => (r as { id: string }).id);
        assert.deepEqual(got, expected, `${key} ${dir}`);
      }
    }
  });
}
