import type { ModelMeta } from '../../metadata/types';
import { quoteIdent } from '../postgres-dialect/pg-quote';
import type { SqlExecutor } from '../sql/sql-client';

/** Whether the server has Citus (its `create_distributed_table` function). */
const HAS_CITUS = `SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'create_distributed_table') AS citus`;
const IS_DISTRIBUTED = `SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass($1)) AS distributed`;
const PRIMARY_KEY = `SELECT conname, array_length(conkey, 1) AS columns FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'p'`;

/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly params: readonly unknown[];
}

/**
 * What distributes a sharded model's table on Citus: its primary key becomes (shard key..., id), since Citus enforces
 * uniqueness only within a shard (unique indexes already start with the shard key: the model checks that), then
 * `create_distributed_table` by the first shard-key column. `primaryKey` is the name of the current primary key,
 * or undefined when it already includes the shard key.
 *
 * @example
 * distributeStatements(meta, 'visits_pkey');
 * // ALTER TABLE "visits" DROP CONSTRAINT "visits_pkey", ADD PRIMARY KEY ("tenant_id", "id")
 * // SELECT create_distributed_table($1, $2)   ['"visits"', 'tenant_id']
 */
export function distributeStatements(meta: ModelMeta, primaryKey: string | undefined): Statement[] {
  const table = quoteIdent(meta.collection);
  const key = meta.shardKey.map((f) => quoteIdent(f.column));
  const statements: Statement[] = [];
  if (primaryKey !== undefined) {
    statements.push({
      text: `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(primaryKey)}, ADD PRIMARY KEY (${[...key, quoteIdent(meta.id.column)].join(', ')})`,
      params: [],
    });
  }
  statements.push({ text: 'SELECT create_distributed_table($1, $2)', params: [table, meta.shardKey[0]!.column] });
  return statements;
}

/**
 * After `sync()` on a server with Citus: distributes the table of every model with a `shardKey` that is not
 * distributed yet (idempotent). Without Citus it does nothing: a shard key then only adds itself to writes by id.
 */
export async function distributeOnCitus(client: SqlExecutor, models: readonly ModelMeta[]): Promise<void> {
  const sharded = models.filter((m) => m.shardKey.length > 0);
  if (sharded.length === 0 || !(await client.query(HAS_CITUS, [])).rows[0]?.citus) return;
  for (const meta of sharded) {
    const table = quoteIdent(meta.collection);
    if ((await client.query(IS_DISTRIBUTED, [table])).rows[0]?.distributed) continue;
    const pk = (await client.query(PRIMARY_KEY, [table])).rows[0] as { conname: string; columns: number } | undefined;
    const rebuild = pk && pk.columns < meta.shardKey.length + 1 ? pk.conname : undefined;
    for (const { text, params } of distributeStatements(meta, rebuild)) await client.query(text, params);
  }
}
