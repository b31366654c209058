/**
 * scripts/mongo-standin.sh from a copy of the scripts folder alone (as in a fresh clone, with nothing beside
 * the repository): it starts the project's own stand-in, prints the URL, and a MongoDB client can use it.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { isCI } from '../support/backends';
import { itIf } from '../support/capabilities';

const scripts = join(__dirname, '..', '..', 'scripts');
const python = process.env.MONGO_STANDIN_PYTHON ?? '/usr/bin/python3';
const hasMongomock = spawnSync(python, ['-c', 'import mongomock, bson']).status === 0;

/** Starts the stand-in from a bare copy of scripts/, runs `use` with a client of it, and stops it. */
async function withBareStandIn(use: (client: MongoClient) => Promise<void>): Promise<void> {
  const clone = mkdtempSync(join(tmpdir(), 'essencia-standin-'));
  mkdirSync(join(clone, 'scripts'));
  for (const file of ['mongo-standin.sh', 'mongomock-wire.py']) copyFileSync(join(scripts, file), join(clone, 'scripts', file));
  const pidFile = join(clone, 'pid');
  const env: NodeJS.ProcessEnv = { ...process.env, MONGO_STANDIN_PIDFILE: pidFile };
  delete env.MONGOMOCK_WIRE;
  let client: MongoClient | undefined;
  try {
    const { stdout } = await promisify(execFile)('bash', [join(clone, 'scripts', 'mongo-standin.sh')], { env });
    const url = /^MONGODB_URL=(mongodb:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout)?.[1];
    assert.ok(url, `no MONGODB_URL line in: ${stdout}`);
    client = await new MongoClient(url, { serverSelectionTimeoutMS: 10_000 }).connect();
    await use(client);
  } finally {
    await client?.close();
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')));
    } catch {
      // the script failed before it wrote the pid file
    }
    rmSync(clone, { recursive: true, force: true });
  }
}

const needsMongomock = itIf(hasMongomock || isCI, `${python} cannot import mongomock and bson (apt-get install python3-mongomock python3-pymongo)`);

describe('scripts/mongo-standin.sh', () => {
  needsMongomock('starts the bundled stand-in from a bare copy of scripts/ and prints a URL a client can use', () =>
    withBareStandIn(async (client) => {
      const info = await client.db('admin').command({ buildInfo: 1 });
      assert.match(String(info.version), /mongomock/);
      const things = client.db('standin_check').collection<{ n: number }>('things');
      await things.insertOne({ n: 42 });
      assert.equal((await things.findOne({ n: 42 }))?.n, 42);
    }),
  );

  needsMongomock('an aborted transaction leaves every collection it wrote to as it was, what MongoDB refuses in one is refused, and a committed one keeps its writes', () =>
    withBareStandIn(async (client) => {
      const db = client.db('standin_tx');
      const kept = db.collection<{ _id: number; n: number }>('kept');
      const appended = db.collection<{ _id: number; n: number }>('appended');
      await kept.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 2 }, { _id: 3, n: 3 }]);
      await appended.insertMany([{ _id: 1, n: 1 }]);
      await kept.createIndex({ n: 1 }, { unique: true, name: 'n_unique' });
      const contents = async () => ({
        kept: await kept.find().sort({ _id: 1 }).toArray(),
        appended: await appended.find().sort({ _id: 1 }).toArray(),
        collections: (await db.listCollections().toArray()).map((c) => c.name).sort(),
        indexes: (await kept.indexes()).map((i) => i.name).sort(),
      });
      const before = await contents();

      const session = client.startSession();
      try {
        session.startTransaction();
        await appended.insertMany([{ _id: 2, n: 2 }, { _id: 3, n: 3 }], { session });
        await kept.insertOne({ _id: 4, n: 4 }, { session });
        await kept.updateOne({ _id: 1 }, { $set: { n: 10 } }, { session });
        await kept.deleteOne({ _id: 2 }, { session });
        await kept.insertOne({ _id: 5, n: 5 }, { session });
        await db.collection<{ _id: number }>('created').insertOne({ _id: 1 }, { session });
        await session.abortTransaction();
        assert.deepEqual(await contents(), before);

        await assert.rejects(
          (async () => {
            session.startTransaction();
            await client.db('standin_tx').dropDatabase({ session });
          })(),
          (error: { codeName?: string }) => error.codeName === 'OperationNotSupportedInTransaction',
        );
        await session.abortTransaction();
        await assert.rejects(
          (async () => {
            session.startTransaction();
            await kept.aggregate([{ $match: {} }, { $out: 'copied' }], { session }).toArray();
          })(),
          (error: { codeName?: string }) => error.codeName === 'OperationNotSupportedInTransaction',
        );
        await session.abortTransaction();

        session.startTransaction();
        await kept.updateOne({ _id: 3 }, { $set: { n: 30 } }, { session });
        await appended.insertOne({ _id: 4, n: 4 }, { session });
        await session.commitTransaction();
        assert.equal((await kept.findOne({ _id: 3 }))?.n, 30);
        assert.equal(await appended.countDocuments(), 2);
      } finally {
        await session.endSession();
      }
    }),
  );
});
