import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe } from '@jest/globals';
import postgres from 'postgres';
import { BaseModel, DatabaseFactory, Field, Model, type Database } from '../../lib';
import { inNewReadScope } from '../../lib/drivers/routing/read-scope';
import type { RoutingDriver } from '../../lib/drivers/routing/routing-driver';
import { itIf } from '../support/capabilities';
import { PgCluster, pgBinDir } from '../support/pg-cluster';
import { sleep } from '../support/retry';

/** Two models on one table: one reads from the database's default (the primary), one from replicas. */
@Model({ database: 'replicated', collection: 'rep_notes' })
class Note extends BaseModel {
  @Field() text!: string;
}

@Model({ database: 'replicated', collection: 'rep_notes', readFrom: 'replica' })
class ReplicaNote extends BaseModel {
  @Field() text!: string;
}

/** Cached, and reading from replicas: its cache must still be filled from the primary. */
@Model({ database: 'replicated', collection: 'rep_notes', readFrom: 'replica', cache: { ttl: 60 } })
class CachedReplicaNote extends BaseModel {
  @Field() text!: string;
}

const hasBinaries = pgBinDir() !== undefined;
/** Long enough for the reads right after a write to fall inside it on a busy machine. */
const READ_YOUR_WRITES_MS = 3000;
const MAX_LAG_MS = 500;

async function until(what: string, check: () => Promise<boolean>, deadlineMs = 15_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('PostgreSQL primary with a streaming replica', () => {
  let primary: PgCluster | undefined;
  let replica: PgCluster | undefined;
  let standby: postgres.Sql;
  let db: Database;
  let watched: Database;
  const routing = () => db.driver as RoutingDriver;
  const watchedStatus = () => (watched.driver as RoutingDriver).replicas.status()[0]!;
  /** What the replica itself holds (read directly, not through essencia). */
  const onReplica = async (text: string) => Number((await standby`SELECT count(*)::int AS n FROM rep_notes WHERE text = ${text}`)[0]!.n);
  /** A read by another async context (another request), which has written nothing. */
  const elsewhere = <R>(read: () => Promise<R>) => inNewReadScope(read);

  beforeAll(async () => {
    if (!hasBinaries) return;
    primary = await PgCluster.create();
    replica = await primary.replica();
    db = DatabaseFactory.createDatabase({
      name: 'replicated',
      url: primary.url(),
      replicas: [replica.url()],
      readYourWritesMs: READ_YOUR_WRITES_MS,
      maxReplicaLagMs: MAX_LAG_MS,
      // Checked by hand below, so that the test decides when the routing layer learns of lag.
      replicaCheckIntervalMs: 3_600_000,
      options: { poolSize: 4, connectTimeoutMs: 2000 },
    });
    await db.sync();
    // The same servers, checked in the background every 100 ms.
    watched = DatabaseFactory.createDatabase({ name: 'replicated_watched', url: primary.url(), replicas: [replica.url()], maxReplicaLagMs: MAX_LAG_MS, replicaCheckIntervalMs: 100 });
    await watched.connect();
    standby = postgres(replica.url(), { max: 1, onnotice: () => undefined });
    await until('the table on the replica', async () => (await standby`SELECT to_regclass('rep_notes') AS t`)[0]!.t !== null);
  });
  afterAll(async () => {
    await standby?.end();
    await DatabaseFactory.closeAll();
    await replica?.destroy();
    await primary?.destroy();
  });

  itIf(hasBinaries, 'no PostgreSQL server binaries (initdb, pg_basebackup) on this machine')(
    'reads go where readFrom says, writes to the primary, and a lagging or stopped replica is skipped',
    async () => {
      await Note.create({ text: 'old' });
      await until('the replica to replay the first row', async () => (await onReplica('old')) === 1);
      await routing().replicas.check();
      assert.deepEqual(routing().replicas.status().map((s) => s.usable), [true]);

      await standby`SELECT pg_wal_replay_pause()`;
      await Note.create({ text: 'new' });
      assert.equal(await onReplica('new'), 0, 'the paused replica has not replayed the write');

      // Right after the write, this context reads its own write even when asking for a replica.
      assert.equal(await Note.query().readFrom('replica').where({ text: 'new' }).count(), 1, 'read-your-writes: primary');
      assert.equal(await ReplicaNote.count({ text: 'new' }), 1, 'read-your-writes also for a replica model');
      // Another context reads the replica: the row is not there yet, which shows where the read went.
      assert.equal(await elsewhere(() => Note.query().readFrom('replica').where({ text: 'new' }).count()), 0, 'query readFrom replica');
      assert.equal(await elsewhere(() => ReplicaNote.count({ text: 'new' })), 0, '@Model({ readFrom: replica })');
      assert.equal(await elsewhere(() => ReplicaNote.query().readFrom('primary').where({ text: 'new' }).count()), 1, 'a query overrides its model');
      assert.equal(await elsewhere(() => Note.count({ text: 'new' })), 1, "the database's default is the primary");
      assert.equal((await elsewhere(() => ReplicaNote.findOne({ text: 'old' })))?.text, 'old', 'replayed rows are read from the replica');
      // Inside a transaction and in stream(), reads stay on the primary.
      assert.equal(await elsewhere(() => db.transaction(() => ReplicaNote.count({ text: 'new' }))), 1, 'in a transaction');
      const streamed = await elsewhere(async () => {
        const texts: string[] = [];
        for await (const note of ReplicaNote.query().where({ text: 'new' }).stream()) texts.push(note.text);
        return texts;
      });
      assert.deepEqual(streamed, ['new'], 'stream() reads the primary');
      // Once the window has passed, the same context reads the replica again.
      await sleep(READ_YOUR_WRITES_MS + 50);
      assert.equal(await ReplicaNote.count({ text: 'new' }), 0, 'after the read-your-writes window');

      // The periodic check finds the paused replica behind by more than the bound: reads skip it.
      await sleep(MAX_LAG_MS + 100);
      await routing().replicas.check();
      const [lagging] = routing().replicas.status();
      assert.equal(lagging!.usable, false);
      assert.match(lagging!.reason ?? '', /lagging \d+ ms behind the primary/);
      assert.equal(await elsewhere(() => ReplicaNote.count({ text: 'new' })), 1, 'a lagging replica is skipped');

      await until('the periodic check to take the lagging replica out', async () => !watchedStatus().usable);
      assert.match(watchedStatus().reason ?? '', /lagging/);

      await standby`SELECT pg_wal_replay_resume()`;
      await until('the replica to catch up', async () => (await onReplica('new')) === 1);
      await until('the periodic check to put it back', async () => watchedStatus().usable);
      await routing().replicas.check();
      assert.deepEqual(routing().replicas.status().map((s) => s.usable), [true], 'usable again once caught up');

      // A replica that goes down is skipped at once, without failing the read, and comes back at a later check.
      await standby.end();
      await replica!.stop('immediate');
      await Note.create({ text: 'while-down' });
      assert.equal(await elsewhere(() => ReplicaNote.count({ text: 'while-down' })), 1, 'the read fell back to the primary');
      assert.equal(routing().replicas.status()[0]!.usable, false);
      await replica!.start();
      standby = postgres(replica!.url(), { max: 1, onnotice: () => undefined });
      await until('the replica to replay after its restart', async () => (await onReplica('while-down')) === 1);
      await routing().replicas.check();
      assert.deepEqual(routing().replicas.status().map((s) => s.usable), [true]);
      assert.equal(await elsewhere(() => ReplicaNote.count({ text: 'while-down' })), 1);
    },
  );

  itIf(hasBinaries, 'no PostgreSQL server binaries (initdb, pg_basebackup) on this machine')(
    'Model.table, db.drizzle and db.migrations work on a database with replicas (on its primary)',
    async () => {
      const text = `drizzle-${Date.now()}`;
      await db.transaction(async () => {
        await Note.create({ text });
        const rows = await db.drizzle.select().from(Note.table);
        assert.ok(rows.some((r: { text: string }) => r.text === text), "the transaction's own row is visible to Drizzle");
      });
      const plan = await db.migrations.plan();
      assert.equal(plan.database, 'replicated');
      assert.equal(plan.destructive, 0, plan.steps.map((s) => s.description).join('; '));
    },
  );

  itIf(hasBinaries, 'no PostgreSQL server binaries (initdb, pg_basebackup) on this machine')(
    "a cached model that reads from replicas fills its cache from the primary, never with a lagging replica's row",
    async () => {
      const note = await Note.create({ text: 'v1' });
      await until('the replica to replay v1', async () => (await onReplica('v1')) >= 1);
      await standby`SELECT pg_wal_replay_pause()`;
      try {
        await Note.updateMany({ id: note.id }, { text: 'v2' });
        await sleep(READ_YOUR_WRITES_MS + 50);
        assert.equal(await elsewhere(() => ReplicaNote.count({ id: note.id, text: 'v2' })), 0, 'the replica is behind');
        assert.equal((await elsewhere(() => CachedReplicaNote.findById(note.id)))!.text, 'v2', 'filled from the primary');
        assert.equal((await elsewhere(() => CachedReplicaNote.findById(note.id)))!.text, 'v2', 'and served from the cache');
      } finally {
        await standby`SELECT pg_wal_replay_resume()`;
      }
    },
  );
});
