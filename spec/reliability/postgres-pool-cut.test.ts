import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { BaseModel, ConnectionError, DatabaseFactory, Field, Model, type Database } from '../../lib';
import { postgresIsolation } from '../../lib/testing/isolation/postgres-isolation';
import { backend } from '../support/backends';
import { missingBackend } from '../support/missing-backend';
import { faultyProxy } from '../support/redis-faults';
import { sleep } from '../support/retry';
import { recordUncaught } from '../support/uncaught';

@Model({ database: 'cut_main', collection: 'cut_rows' })
class Row extends BaseModel {
  @Field() label!: string;
}

const url = backend('postgres').url;
const POOL = 2;
const WAITING = 4;

/**
 * A network cut (no goodbye from the server) under a full pool while transactions wait for a connection. postgres.js
 * hands the first waiting request to the reconnect of a closed connection, and a reservation handed so is dropped
 * once the reconnect succeeds: without a request of its own in the queue again, that transaction would wait forever.
 */
if (!url) {
  missingBackend('connections cut while transactions wait for one', 'DATABASE_URL');
} else {
  describe('PostgreSQL connections cut while transactions wait for one', () => {
    const isolation = postgresIsolation(url);
    let proxy: Awaited<ReturnType<typeof faultyProxy>>;
    let db: Database;
    const uncaught = recordUncaught();

    beforeAll(async () => {
      const { databaseName } = await isolation.prepare();
      const server = new URL(url);
      proxy = await faultyProxy(Number(server.port || 5432));
      server.port = new URL(proxy.url).port;
      db = DatabaseFactory.createDatabase({ name: 'cut_main', url: server.toString(), databaseName, options: { poolSize: POOL } });
      await db.sync();
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      await proxy.close();
      await isolation.dispose();
    });

    it('the transactions holding the connections fail with a ConnectionError, the waiting ones all commit', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let holding = 0;
      const holders = Array.from({ length: POOL }, () =>
        db
          .transaction(async () => {
            await Row.create({ label: 'holder' });
            holding++;
            await gate;
          })
          .catch((e: unknown) => e),
      );
      while (holding < POOL) await sleep(10);
      const waiting = Array.from({ length: WAITING }, () => db.transaction(() => Row.create({ label: 'waiter' })));
      await sleep(50);
      proxy.cut();
      proxy.restore();
      release();
      for (const outcome of await Promise.all(holders)) assert.ok(outcome instanceof ConnectionError, String(outcome));
      await Promise.all(waiting);
      assert.equal(await Row.count({ label: 'waiter' }), WAITING);
      assert.equal(await Row.count({ label: 'holder' }), 0);
      assert.deepEqual(uncaught, [], 'no uncaught error or unhandled rejection');
    }, 60_000); // a stranded transaction never settles: this test then times out
  });
}
