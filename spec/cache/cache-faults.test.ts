import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeAll, describe, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { configureEncryption, DatabaseFactory, resetEncryption, type CacheConfig, type Database } from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';
import { cacheModels, type CacheModels } from '../support/cache-models';
import { missingBackend } from '../support/missing-backend';
import { inspector, redisUrl, testPrefix, until } from '../support/redis';
import { blackHole, faultyProxy, freePort, startPrivateRedis, type PrivateRedis } from '../support/redis-faults';

/**
 * A Redis that refuses connections, hangs, pauses, or is cut off while a write happens: reads never fail, never
 * wait on it past the command timeout, and nothing stale is served once it is back. Each fault has its own
 * Redis server or TCP stand-in, so that no other test sees it.
 */
const SECRET = 'a test secret that is at least thirty-two characters long';
const FAST: CacheConfig = { secret: SECRET, timeoutMs: 300, retryAfterMs: 50 };
// Where a test counts what reaches Redis it turns the in-process copies off (`localTtlMs: 0`): they answer
// without asking Redis, faulty or not.

if (!redisUrl()) {
  missingBackend('cache faults', 'REDIS_URL');
} else {
  describe('cache faults', () => {
    let server: PrivateRedis;
    const opened: string[] = [];

    beforeAll(async () => {
      configureEncryption({ keys: [{ id: 'faults', key: randomBytes(32) }] });
      server = await startPrivateRedis();
    });
    afterEach(async () => {
      for (const name of opened.splice(0)) await DatabaseFactory.removeDatabase(name);
    });
    afterAll(async () => {
      await server?.stop();
      resetEncryption();
    });

    async function open(name: string, cache: CacheConfig) {
      const models = cacheModels(name, 'faults');
      const db = DatabaseFactory.createDatabase({ name, url: 'pglite://memory', cache: { ...FAST, prefix: testPrefix(name), ...cache } });
      opened.push(name);
      await db.connect();
      await db.sync();
      return { db, ...models };
    }

    /** Reads `id` `times` times; each read must give the row as stored. */
    async function readsWork(db: Database, Model: CacheModels['CachedPerson'], id: string, name: string, times = 3) {
      for (let i = 0; i < times; i++) assert.equal((await Model.findById(id))?.name, name, `read ${i + 1} on ${db.name}`);
    }

    it('a Redis that refuses connections: reads go to the database, the cache says it is down', async () => {
      const { db, CachedPerson } = await open('faults_refused', { url: `redis://127.0.0.1:${await freePort()}` });
      const p = await CachedPerson.create({ name: 'R', email: 'r@example.com' });
      await readsWork(db, CachedPerson, p.id, 'R');
      p.name = 'R2';
      await p.save();
      await readsWork(db, CachedPerson, p.id, 'R2');
      const stats = db.cache.stats();
      assert.equal(stats.state, 'down');
      assert.equal(stats.hits, 0);
      assert.ok(stats.bypasses >= 6, JSON.stringify(stats));
    });

    it('a server that accepts and never answers: connecting and reading do not wait on it, and send it nothing', async () => {
      const hole = await blackHole();
      try {
        const { db, CachedPerson } = await open('faults_blackhole', { url: hole.url, retryAfterMs: 600_000 });
        const p = await CachedPerson.create({ name: 'B', email: 'b@example.com' });
        const sent = hole.received();
        await readsWork(db, CachedPerson, p.id, 'B', 5);
        assert.equal(hole.received(), sent, 'no command is sent while the breaker is open');
        assert.equal(db.cache.stats().state, 'down');
      } finally {
        await hole.close();
      }
    });

    it('a connected Redis that stops answering: one read waits the command timeout, the next ones do not ask', async () => {
      const proxy = await faultyProxy(server.port);
      try {
        const { db, CachedPerson } = await open('faults_hang', { url: proxy.url, localTtlMs: 0 });
        const p = await CachedPerson.create({ name: 'H', email: 'h@example.com' });
        await readsWork(db, CachedPerson, p.id, 'H', 2);
        assert.equal(db.cache.stats().hits, 1);
        proxy.hang();
        const before = db.cache.stats();
        await readsWork(db, CachedPerson, p.id, 'H', 4);
        const during = db.cache.stats();
        assert.equal(during.errors, before.errors + 1, 'one command timed out');
        assert.equal(during.bypasses, before.bypasses + 3, 'the others did not ask');
        assert.equal(during.state, 'down');
        proxy.restore();
        await until(() => db.cache.stats().state === 'up');
        await readsWork(db, CachedPerson, p.id, 'H', 2);
        assert.equal(db.cache.stats().hits, during.hits + 1, 'cached again once it answers');
      } finally {
        await proxy.close();
      }
    });

    it('CLIENT PAUSE: reads go to the database meanwhile and use the cache again after it', async () => {
      const { db, CachedPerson } = await open('faults_pause', { url: server.url, localTtlMs: 0 });
      const p = await CachedPerson.create({ name: 'P', email: 'p@example.com' });
      await readsWork(db, CachedPerson, p.id, 'P', 2);
      const admin = await inspector(server.url);
      try {
        await admin.sendCommand(['CLIENT', 'PAUSE', '3000', 'ALL']);
        const before = db.cache.stats();
        await readsWork(db, CachedPerson, p.id, 'P', 3);
        assert.equal(db.cache.stats().errors, before.errors + 1);
        assert.equal(db.cache.stats().state, 'down');
        p.name = 'P2';
        await p.save();
        await until(() => db.cache.stats().state === 'up');
        await readsWork(db, CachedPerson, p.id, 'P2', 3);
      } finally {
        await admin.sendCommand(['CLIENT', 'UNPAUSE']).catch(() => undefined);
        admin.destroy();
      }
    });

    it('without in-process copies (localTtlMs 0) a process subscribes to nothing, and is up once connected', async () => {
      const prefixes = { bare: testPrefix('subs_bare'), copies: testPrefix('subs_copies') };
      const bare = await open('subs_bare', { url: server.url, localTtlMs: 0, prefix: prefixes.bare });
      const copies = await open('subs_copies', { url: server.url, prefix: prefixes.copies });
      assert.equal(bare.db.cache.stats().state, 'up');
      const admin = await inspector(server.url);
      try {
        const subscribers = async (prefix: string) => {
          const reply = (await admin.sendCommand(['PUBSUB', 'NUMSUB', `${prefix}invalidate`])) as unknown[];
          return Number(reply[1]);
        };
        assert.equal(await subscribers(prefixes.bare), 0);
        assert.equal(await subscribers(prefixes.copies), 1);
      } finally {
        admin.destroy();
      }
      const p = await bare.CachedPerson.create({ name: 'S', email: 's@example.com' });
      await readsWork(bare.db, bare.CachedPerson, p.id, 'S');
      p.name = 'S2';
      await p.save();
      await readsWork(bare.db, bare.CachedPerson, p.id, 'S2');
      assert.ok(bare.db.cache.stats().hits >= 2, JSON.stringify(bare.db.cache.stats()));
      assert.equal(copies.db.cache.stats().state, 'up');
    });

    it('a Redis that is down when the app starts is used once it comes up, in-process copies included', async () => {
      const port = await freePort();
      const { db, CachedPerson } = await open('faults_late', { url: `redis://127.0.0.1:${port}` });
      const p = await CachedPerson.create({ name: 'L', email: 'l@example.com' });
      await readsWork(db, CachedPerson, p.id, 'L', 2);
      assert.equal(db.cache.stats().state, 'down');
      const late = await startPrivateRedis(port);
      try {
        await until(() => db.cache.stats().state === 'up');
        await readsWork(db, CachedPerson, p.id, 'L', 1);
        await until(async () => {
          const before = db.cache.stats().localHits;
          await readsWork(db, CachedPerson, p.id, 'L', 1);
          return db.cache.stats().localHits > before;
        });
      } finally {
        await late.stop();
      }
    });

    it('a Redis that asks for a password: the one in the URL is sent, a wrong one leaves the cache down', async () => {
      const guarded = await startPrivateRedis(undefined, 'a password of the test');
      try {
        const right = await open('faults_auth', { url: `redis://:${encodeURIComponent('a password of the test')}@127.0.0.1:${guarded.port}/2`, localTtlMs: 0 });
        const p = await right.CachedPerson.create({ name: 'A', email: 'a@example.com' });
        await readsWork(right.db, right.CachedPerson, p.id, 'A', 3);
        assert.equal(right.db.cache.stats().state, 'up');
        assert.equal(right.db.cache.stats().hits, 2);
        const admin = await inspector(`redis://:${encodeURIComponent('a password of the test')}@127.0.0.1:${guarded.port}/2`);
        try {
          assert.ok((await admin.dbSize()) > 0, 'entries are in the database the URL names');
        } finally {
          admin.destroy();
        }

        const wrong = await open('faults_auth_wrong', { url: `redis://:wrong@127.0.0.1:${guarded.port}`, localTtlMs: 0 });
        const q = await wrong.CachedPerson.create({ name: 'W', email: 'w@example.com' });
        await readsWork(wrong.db, wrong.CachedPerson, q.id, 'W', 2);
        assert.equal(wrong.db.cache.stats().state, 'down');
        assert.equal(wrong.db.cache.stats().hits, 0);
      } finally {
        await guarded.stop();
      }
    });

    it('scripts flushed from Redis (as after a restart) are sent again', async () => {
      const { db, CachedPerson } = await open('faults_noscript', { url: server.url, localTtlMs: 0 });
      const p = await CachedPerson.create({ name: 'S', email: 's@example.com' });
      await readsWork(db, CachedPerson, p.id, 'S', 2);
      const admin = await inspector(server.url);
      try {
        await admin.sendCommand(['SCRIPT', 'FLUSH']);
      } finally {
        admin.destroy();
      }
      const before = db.cache.stats();
      await readsWork(db, CachedPerson, p.id, 'S', 2);
      assert.equal(db.cache.stats().hits, before.hits + 2);
      assert.equal(db.cache.stats().errors, before.errors);
    });

    it('an invalidation missed while cut off leaves nothing stale once Redis is reachable again', async () => {
      const proxy = await faultyProxy(server.port);
      const prefix = testPrefix('faults_partition');
      try {
        const a = await open('faults_cut_a', { url: proxy.url, prefix, localTtlMs: 0 });
        const b = DatabaseFactory.createDatabase({
          name: 'faults_cut_b', url: 'pglite://memory', cache: { ...FAST, url: server.url, prefix, localTtlMs: 0 },
        });
        opened.push('faults_cut_b');
        // b stands for another process that reads what a wrote: the same rows, copied by hand to its own PGlite.
        const bModels = cacheModels('faults_cut_b', 'faults');
        await b.connect();
        await b.sync();
        const p = await a.CachedPerson.create({ name: 'C1', email: 'c@example.com' });
        await bModels.CachedPerson.create({ id: p.id, name: 'C1', email: 'c@example.com' });
        await readsWork(a.db, a.CachedPerson, p.id, 'C1', 2);
        assert.equal((await bModels.CachedPerson.findById(p.id))!.name, 'C1');
        assert.ok(b.cache.stats().hits >= 1, 'b reads the entry a stored');

        proxy.cut();
        p.name = 'C2';
        await p.save();
        await b.driver.updateMany(modelMeta(bModels.CachedPerson), undefined, { name: 'C2' }); // the shared database changed
        assert.equal(a.db.cache.stats().state, 'down');
        proxy.restore();
        await until(() => a.db.cache.stats().state === 'up');
        assert.equal((await bModels.CachedPerson.findById(p.id))!.name, 'C2', 'the entry stored before the outage is not trusted');
        await readsWork(a.db, a.CachedPerson, p.id, 'C2', 2);
      } finally {
        await proxy.close();
      }
    });
  });
}
