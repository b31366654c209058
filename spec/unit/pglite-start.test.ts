import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { ConfigError, DatabaseFactory } from '../../lib';
import { startPglite } from '../../lib/drivers/pglite/pglite-start';

describe('PGlite start: a cached data directory, in this thread or a worker', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'essencia-cache-test-'));
  const saved = process.env.ESSENCIA_CACHE_DIR;
  const cacheFile = () => {
    const files = readdirSync(cacheDir).filter((f) => f.endsWith('-datadir.tar'));
    assert.equal(files.length, 1, `one cache file in ${cacheDir}: ${files.join(', ')}`);
    return join(cacheDir, files[0]!);
  };

  beforeAll(() => {
    process.env.ESSENCIA_CACHE_DIR = cacheDir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.ESSENCIA_CACHE_DIR;
    else process.env.ESSENCIA_CACHE_DIR = saved;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('the first in-memory start writes a fresh data directory; the next one starts from it, in a worker too', async () => {
    const first = await startPglite('pglite://memory', 'auto');
    await first.query('CREATE TABLE only_in_first (id int)');
    await first.close();
    const file = cacheFile();
    const written = statSync(file).mtimeMs;
    assert.ok(statSync(file).size > 1_000_000, 'a whole data directory');

    const second = await startPglite('pglite://memory?thread=worker', 'worker');
    const tables = await second.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_first'");
    assert.equal(tables.rows[0]!.n, 0, 'the cache holds the fresh instance, not what the first one created');
    await second.close();
    assert.equal(statSync(file).mtimeMs, written, 'the second start read the cache and did not rewrite it');
  });

  it('a damaged cache is dropped: the start runs initdb and writes it again', async () => {
    writeFileSync(cacheFile(), 'not a tar');
    const db = await startPglite('pglite://memory', 'auto');
    assert.deepEqual((await db.query<{ x: number }>('SELECT 1 AS x')).rows, [{ x: 1 }]);
    await db.close();
    assert.ok(statSync(cacheFile()).size > 1_000_000);
  });

  it('errors from the worker keep their PostgreSQL code and fields; a closed worker refuses queries', async () => {
    const db = await startPglite('pglite://memory', 'worker');
    await db.query('CREATE TABLE t (id int PRIMARY KEY)');
    await db.query('INSERT INTO t VALUES (1)');
    await assert.rejects(db.query('INSERT INTO t VALUES (1)'), (error: Error & { code?: string; constraint?: string }) => {
      assert.equal(error.code, '23505');
      assert.equal(error.constraint, 't_pkey');
      return true;
    });
    const rolledBack = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (2)');
      throw new Error('undo');
    });
    await assert.rejects(rolledBack, /undo/);
    assert.deepEqual((await db.query<{ id: number }>('SELECT id FROM t ORDER BY id')).rows, [{ id: 1 }]);
    await db.close();
    assert.equal(db.closed, true);
    await assert.rejects(db.query('SELECT 1'), /closed/);
  });

  it("a 'thread' other than auto, main or worker is a ConfigError at createDatabase", () => {
    assert.throws(() => DatabaseFactory.createDatabase({ name: 'bad_thread', url: 'pglite://memory?thread=elsewhere' }), ConfigError);
    assert.throws(() => DatabaseFactory.createDatabase({ name: 'bad_thread', url: 'pglite://memory', options: { thread: 'gpu' } }), ConfigError);
    assert.equal(DatabaseFactory.hasDatabase('bad_thread'), false);
  });
});
