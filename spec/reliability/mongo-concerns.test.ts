import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { BaseModel, ConfigError, DatabaseFactory, Field, Model, type Database } from '../../lib';
import { inNewReadScope } from '../../lib/drivers/routing/read-scope';
import { backend } from '../support/backends';
import { declaredCapabilities, itIf } from '../support/capabilities';
import { missingBackend } from '../support/missing-backend';

/** One model with the database's concerns, one with its own. */
@Model({ database: 'mc_main', collection: 'mc_notes' })
class Note extends BaseModel {
  @Field() text!: string;
}

@Model({ database: 'mc_main', collection: 'mc_notes', readPreference: 'primaryPreferred', readConcern: 'majority', writeConcern: { w: 'majority', j: true } })
class CarefulNote extends BaseModel {
  @Field() text!: string;
}

@Model({ database: 'mc_main', collection: 'mc_notes', readPreference: 'somewhere' })
class BadNote extends BaseModel {
  @Field() text!: string;
}

const url = backend('mongodb').url;

interface Sent {
  name: string;
  command: Record<string, unknown>;
}

if (!url) {
  missingBackend('MongoDB read / write concerns', 'MONGODB_URL');
} else {
  describe('MongoDB read preference, read concern, write concern and causal consistency', () => {
    let db: Database;
    const sent: Sent[] = [];
    /** The commands sent for `collection` (find, insert, update, count...), as the server received them. */
    const on = (name: string) => sent.filter((s) => s.name === name && Object.values(s.command)[0] === 'mc_notes').map((s) => s.command);

    beforeAll(async () => {
      db = DatabaseFactory.createDatabase({
        name: 'mc_main',
        url,
        databaseName: 'concerns',
        options: {
          readConcern: 'local',
          writeConcern: { w: 1 },
          driverOptions: {
            // The driver's own command log: what each command carried on the wire.
            mongodbLogComponentSeverities: { command: 'debug' },
            mongodbLogPath: {
              write: (log: { message?: string; commandName?: string; command?: string }) => {
                if (log.message === 'Command started' && log.commandName && log.command) sent.push({ name: log.commandName, command: JSON.parse(log.command) });
              },
            },
          },
        },
      });
      await db.sync();
      await Note.deleteMany({});
    });
    beforeEach(() => void (sent.length = 0));
    afterAll(() => DatabaseFactory.closeAll());

    it("the database's concerns reach the commands of a model without its own", async () => {
      await inNewReadScope(async () => {
        await Note.create({ text: 'plain' });
        await inNewReadScope(() => Note.findMany({ text: 'plain' }));
      });
      assert.deepEqual(on('insert')[0]?.writeConcern, { w: 1 });
      assert.equal((on('find')[0]?.readConcern as { level?: string })?.level, 'local');
    });

    it("a model's concerns override the database's", async () => {
      await inNewReadScope(async () => {
        await CarefulNote.create({ text: 'careful' });
        await inNewReadScope(() => CarefulNote.findMany({ text: 'careful' }));
        await inNewReadScope(() => CarefulNote.count({ text: 'careful' }));
      });
      assert.deepEqual(on('insert')[0]?.writeConcern, { w: 'majority', j: true });
      assert.equal((on('find')[0]?.readConcern as { level?: string })?.level, 'majority');
      assert.equal((on('aggregate')[0]?.readConcern as { level?: string })?.level, 'majority');
    });

    itIf(declaredCapabilities('mongodb').transactions, 'capability transactions: absent on this MongoDB server')(
      "inside a transaction the transaction's concerns apply (a model's read preference does not break it)", async () => {
      await db.transaction(async () => {
        await CarefulNote.create({ text: 'in-tx' });
        assert.equal(await CarefulNote.count({ text: 'in-tx' }), 1);
      });
      const insert = on('insert')[0]!;
      assert.equal(insert.writeConcern, undefined, 'no per-operation write concern inside a transaction');
      assert.equal(insert.startTransaction, true);
    });

    it('a read after a write in the same async context follows it (afterClusterTime) where the server reports cluster times', async () => {
      await Note.create({ text: 'causal' });
      await Note.findMany({ text: 'causal' });
      const readConcern = (on('find')[0]?.readConcern ?? {}) as { afterClusterTime?: unknown };
      // The stand-in reports no operationTime, so there is nothing to follow there; a replica set sends afterClusterTime.
      const reportsTimes = (db.driver as { deployment?: string }).deployment !== 'standIn';
      assert.equal(readConcern.afterClusterTime !== undefined, reportsTimes);
      // Another context (another request) has written nothing: its reads do not wait for this one's writes.
      sent.length = 0;
      await inNewReadScope(() => Note.findMany({ text: 'causal' }));
      assert.equal(((on('find')[0]?.readConcern ?? {}) as { afterClusterTime?: unknown }).afterClusterTime, undefined);
    });

    it('an unknown read preference, read concern or write concern is a ConfigError', async () => {
      const unknown = await BadNote.count().catch((e: unknown) => e);
      assert.ok(unknown instanceof ConfigError, String(unknown));
      assert.match(unknown.message, /BadNote: readPreference must be one of primary, primaryPreferred/);
      for (const options of [{ readPreference: 'closest' }, { readConcern: 'strong' }, { writeConcern: { w: 'all' } }, { writeConcern: 1 }]) {
        assert.throws(() => DatabaseFactory.createDatabase({ name: 'mc_bad', url, options }), ConfigError);
      }
    });
  });
}
