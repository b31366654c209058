import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { BaseModel, ConnectionError, DatabaseFactory, Field, Model, TransactionError, type Database } from '../../lib';
import { itIf } from '../support/capabilities';
import { StandInProcess, standInAvailable } from '../support/standin-process';
import { sleep, untilWorks } from '../support/retry';
import { recordUncaught } from '../support/uncaught';

@Model({ database: 'mongo_killed', collection: 'visits' })
class Visit extends BaseModel {
  @Field() label!: string;
}

const available = standInAvailable();

describe('MongoDB server killed mid-transaction (the stand-in, killed and started again)', () => {
  let standIn: StandInProcess | undefined;
  let db: Database;
  const uncaught = recordUncaught();

  beforeAll(async () => {
    if (!available) return;
    standIn = await StandInProcess.start();
    db = DatabaseFactory.createDatabase({ name: 'mongo_killed', url: standIn.url, databaseName: 'killed', options: { connectTimeoutMs: 2000 } });
    await db.sync();
  });
  afterAll(async () => {
    await DatabaseFactory.closeAll();
    await standIn?.kill();
  });

  itIf(available, 'the MongoDB stand-in (python3 with mongomock) cannot run here; a real server cannot be killed by a test')(
    'the transaction rejects with a ConnectionError, nothing is kept, and the same Database works once the server is back',
    async () => {
      await Visit.create({ label: 'before' });
      assert.equal(db.driver.capabilities.transactions, true, 'the stand-in offers transactions');
      let inside: unknown;
      const outcome = await db
        .transaction(async () => {
          await Visit.create({ label: 'in-tx' });
          await standIn!.kill();
          inside = await Visit.create({ label: 'in-tx-2' }).catch((e: unknown) => e);
          throw inside;
        })
        .catch((e: unknown) => e);
      assert.ok(inside instanceof ConnectionError, `a write after the kill: ${String(inside)}`);
      assert.ok(outcome instanceof ConnectionError || outcome instanceof TransactionError, `transaction(): ${String(outcome)}`);
      const whileDown = await Visit.count().catch((e: unknown) => e);
      assert.ok(whileDown instanceof ConnectionError, `a read while down: ${String(whileDown)}`);

      await standIn!.restart();
      const failures = await untilWorks(() => Visit.create({ label: 'after' }), 20_000);
      assert.ok(failures.every((e) => e instanceof ConnectionError), failures.map(String).join('; '));
      // The stand-in keeps nothing across a restart; what matters is that the transaction's writes are not there.
      assert.equal(await Visit.count({ label: 'in-tx' }), 0);
      assert.equal(await Visit.count({ label: 'after' }), 1);
      await db.transaction(() => Visit.create({ label: 'tx-after' }));
      assert.equal(await Visit.count({ label: 'tx-after' }), 1);
      assert.deepEqual(uncaught.map(String), [], 'no uncaught error or unhandled rejection');
    },
  );
});
