/**
 * A column as a PostgreSQL index lists it: `NULLS FIRST`, the null order essencia sorts by (MongoDB's: nulls first
 * ascending, last descending, see pg-order-by.ts). A plain btree orders nulls last ascending, and the planner then
 * serves no ORDER BY of essencia's from it: a sorted, limited read sorted the whole table instead of reading the index
 * forwards (ascending) or backwards (descending). Equality, ranges and uniqueness are the same either way.
 *
 * @example
 * pgIndexColumn('"created_at"'); // '"created_at" NULLS FIRST'
 */
export function pgIndexColumn(quotedColumn: string): string {
  return `${quotedColumn} NULLS FIRST`;
}
