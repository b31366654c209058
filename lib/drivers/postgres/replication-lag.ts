/**
 * How far a streaming replica is behind, in ms, measured on the replica: 0 when it has replayed all the WAL it
 * received (an idle primary sends none, so the age of the last replayed transaction would be misleading), else the
 * age of the last transaction it replayed. NULL on a primary.
 */
export const REPLICATION_LAG_SQL = `SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN NULL
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
  ELSE GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)
END AS lag_ms`;
