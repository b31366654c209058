import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { BaseModel, ConnectionError, DatabaseFactory, Field, Model, type Database } from '../../lib';
import { itIf } from '../support/capabilities';
import { PgCluster, pgBinDir } from '../support/pg-cluster';
import { sleep, untilWorks } from '../support/retry';
import { recordUncaught } from '../support/uncaught';

@Model({ database: 'restart_main', collection: 'restart_visits' })
class Visit extends BaseModel {
  @Field() label!: string;
}

const hasBinaries = pgBinDir() !== undefined;

describe('PostgreSQL server restarted while the app runs', () => {
  let cluster: PgCluster | undefined;
  let db: Database;
  const uncaught = recordUncaught();

  beforeAll(async () => {
    if (!hasBinaries) return;
    cluster = await PgCluster.create();
    db = DatabaseFactory.createDatabase({ name: 'restart_main', url: cluster.url(), options: { poolSize: 4, connectTimeoutMs: 2000 } });
    await db.sync();
  });
  afterAll(async () => {
    await DatabaseFactory.closeAll();
    await cluster?.destroy();
  });

  itIf(hasBinaries, 'no PostgreSQL server binaries (initdb, pg_ctl) on this machine')(
    'operations fail with ConnectionError while it is down and work again after it is back, on the same Database',
    async () => {
      await Visit.create({ label: 'before' });
      // Traffic that keeps running through the restart, as an app's would.
      let running = true;
      const seen: unknown[] = [];
      const traffic = (async () => {
        while (running) {
          await Promise.all([Visit.create({ label: 'traffic' }), Visit.count(), db.transaction(() => Visit.create({ label: 'tx' }))]).catch(
            (e: unknown) => void seen.push(e),
          );
          await sleep(20);
        }
      })();
      await sleep(200);
      await cluster!.stop('fast');
      const whileDown = await Visit.count().catch((e: unknown) => e);
      assert.ok(whileDown instanceof ConnectionError, `a read while the server is down: ${String(whileDown)}`);
      const txWhileDown = await db.transaction(() => Visit.create({ label: 'down' })).catch((e: unknown) => e);
      assert.ok(txWhileDown instanceof ConnectionError, `a transaction while the server is down: ${String(txWhileDown)}`);
      await sleep(300);
      await cluster!.start();
      const failures = await untilWorks(() => Visit.create({ label: 'after' }), 15_000);
      assert.ok(failures.every((e) => e instanceof ConnectionError), `failures after the restart: ${failures.map(String).join('; ')}`);
      await sleep(200);
      running = false;
      await traffic;
      assert.ok(seen.length > 0, 'the traffic saw the server go away');
      const notConnection = seen.filter((e) => !(e instanceof ConnectionError));
      assert.deepEqual(notConnection.map(String), [], 'every failure is a ConnectionError');
      assert.equal(await Visit.count({ label: 'before' }), 1);
      assert.equal(await Visit.count({ label: 'after' }), 1);
      assert.equal(await Visit.count({ label: 'down' }), 0);
      // Three times as many transactions as connections, each holding its connection a while: they all settle, so the
      // restart left no connection lost to the pool nor a transaction waiting for one forever.
      const after = await Promise.allSettled(
        Array.from({ length: 12 }, () => db.transaction(async () => { await Visit.create({ label: 'pool' }); await sleep(20); })),
      );
      const refused = after.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      assert.deepEqual(refused.filter((e) => !(e instanceof ConnectionError)).map(String), [], 'every failure is a ConnectionError');
      assert.equal(await Visit.count({ label: 'pool' }), 12 - refused.length);
      assert.deepEqual(uncaught, [], 'no uncaught error or unhandled rejection');
    },
  );
});
