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

describe('scripts/mongo-standin.sh', () => {
  itIf(hasMongomock || isCI, `${python} cannot import mongomock and bson (apt-get install python3-mongomock python3-pymongo)`)(
    'starts the bundled stand-in from a bare copy of scripts/ and prints a URL a client can use',
    async () => {
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
        const info = await client.db('admin').command({ buildInfo: 1 });
        assert.match(String(info.version), /mongomock/);
        const things = client.db('standin_check').collection<{ n: number }>('things');
        await things.insertOne({ n: 42 });
        assert.equal((await things.findOne({ n: 42 }))?.n, 42);
      } finally {
        await client?.close();
        try {
          process.kill(Number(readFileSync(pidFile, 'utf8')));
        } catch {
          // the script failed before it wrote the pid file
        }
        rmSync(clone, { recursive: true, force: true });
      }
    },
  );
});
