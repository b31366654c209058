import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { Redis as IoRedis } from 'ioredis';
import { createClient } from 'redis';
import { configureEncryption, DatabaseFactory, resetEncryption, type Database } from '../../lib';
import { cacheModels, type CacheModels } from '../support/cache-models';
import { reset } from '../support/conformance';
import { missingBackend } from '../support/missing-backend';
import { dropPrefix, dump, inspector, redisUrl, testPrefix, until, type TestRedis } from '../support/redis';

/**
 * Several app processes sharing one Redis and one PostgreSQL: each is a Database of its own with its own Redis
 * client (node-redis from a URL, an ioredis client, a node-redis client passed in), over the same tables.
 */
const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl || !redisUrl()) {
  missingBackend('the cache shared by several processes', 'DATABASE_URL and REDIS_URL');
} else {
  describe('a cache shared through Redis', () => {
    const prefix = testPrefix('processes');
    const url = redisUrl()!;
    const clients: Array<{ close(): unknown }> = [];
    let admin: TestRedis;

    interface App extends CacheModels {
      db: Database;
    }

    async function app(name: string, localTtlMs: number, client?: unknown): Promise<App> {
      // An hour: in-process copies that go stale while this file runs can only have been evicted by a message.
      const models = cacheModels(name, 'cache_mp', 3600);
      const cache = { prefix, localTtlMs, timeoutMs: 2000, ...(client ? { client } : { url }) };
      const db = DatabaseFactory.createDatabase({ name, url: databaseUrl!, cache });
      await db.connect();
      await db.sync();
      return { db, ...models };
    }

    let strict: [App, App];
    let local: [App, App];

    beforeAll(async () => {
      configureEncryption({ keys: [{ id: 'mp', key: randomBytes(32) }] });
      admin = await inspector(url);
      const io = new IoRedis(url, { lazyConnect: false });
      clients.push({ close: () => io.disconnect() });
      const nodeRedis = createClient({ url });
      nodeRedis.on('error', () => undefined);
      await nodeRedis.connect();
      clients.push({ close: () => nodeRedis.destroy() });
      strict = [await app('mp_strict_a', 0), await app('mp_strict_b', 0, io)];
      local = [await app('mp_local_a', 3_600_000), await app('mp_local_b', 3_600_000, nodeRedis)];
    });

    afterAll(async () => {
      await DatabaseFactory.closeAll();
      for (const c of clients) await c.close();
      await dropPrefix(admin, prefix);
      admin.destroy();
      resetEncryption();
    });

    beforeEach(async () => {
      await reset(strict[0].db, strict[0].CachedPerson, strict[0].CachedRecord);
      for (const a of [...strict, ...local]) await a.db.cache.invalidate(a.CachedPerson);
    });

    it('without in-process copies, a read right after another process committed sees the write', async () => {
      const [a, b] = strict;
      const p = await a.CachedPerson.create({ name: 'first', email: 'mp1@example.com' });
      await a.CachedPerson.findById(p.id);
      const hits = b.db.cache.stats().hits;
      assert.equal((await b.CachedPerson.findById(p.id))!.name, 'first');
      assert.equal(b.db.cache.stats().hits, hits + 1, 'b (ioredis) reads what a (node-redis) stored');

      const q = (await b.CachedPerson.findById(p.id))!;
      q.name = 'second';
      await q.save();
      assert.equal((await a.CachedPerson.findById(p.id))!.name, 'second');

      await a.CachedPerson.updateMany({ email: 'mp1@example.com' }, { visits: 3 });
      assert.equal((await b.CachedPerson.findById(p.id))!.visits, 3);

      await b.CachedPerson.findOne({ email: 'mp1@example.com' });
      await b.CachedPerson.findOne({ email: 'mp1@example.com' });
      await (await a.CachedPerson.findById(p.id))!.delete();
      assert.equal(await b.CachedPerson.findById(p.id), null);
      assert.equal(await b.CachedPerson.findOne({ email: 'mp1@example.com' }), null);
    });

    it('in-process copies are evicted by another process’s write (publish/subscribe)', async () => {
      const [a, b] = local;
      const p = await a.CachedPerson.create({ name: 'old name', email: 'mp2@example.com' });
      await a.CachedPerson.findById(p.id);
      await a.CachedPerson.findById(p.id);
      const before = a.db.cache.stats();
      assert.equal((await a.CachedPerson.findById(p.id))!.name, 'old name');
      assert.equal(a.db.cache.stats().localHits, before.localHits + 1, 'a answers from its in-process copy');

      const q = (await b.CachedPerson.findById(p.id))!;
      q.name = 'new name';
      await q.save();
      await until(() => !a.db.cache.localEntries().some((text) => text.includes('old name')));
      assert.equal((await a.CachedPerson.findById(p.id))!.name, 'new name');

      await a.CachedPerson.findById(p.id);
      await b.db.cache.invalidate(b.CachedPerson);
      await until(async () => {
        const misses = a.db.cache.stats().misses;
        await a.CachedPerson.findById(p.id);
        return a.db.cache.stats().misses > misses;
      });
    });

    it('keeps no plaintext in Redis nor in any process', async () => {
      const [a, b] = local;
      const cpf = '52998224725';
      const r = await a.CachedRecord.create({ label: 'label-x1', cpf, history: { conditions: ['asma grave'] } });
      for (const app of [a, b, a, b]) {
        await app.CachedRecord.findById(r.id);
        await app.CachedRecord.findOne({ cpf });
      }
      const texts = [...a.db.cache.localEntries(), ...b.db.cache.localEntries()];
      assert.ok(texts.length > 0);
      const stored = await dump(admin, prefix);
      assert.ok(stored.size > 0);
      for (const key of stored.keys()) for (const value of [r.id, 'label-x1', cpf]) assert.ok(!key.slice(prefix.length).includes(value), `the key ${key} names a value`);
      texts.push(...stored.keys(), ...stored.values());
      for (const text of texts) for (const secret of [cpf, '529.982.247-25', 'asma']) assert.ok(!text.includes(secret), text);
    });
  });
}

/** An app process (spec/support/cache-child.ts from the test build) answering one JSON line per command. */
function appProcess(name: string, env: Record<string, string>) {
  const build = process.env.ESSENCIA_TEST_BUILD;
  if (!build) throw new Error('ESSENCIA_TEST_BUILD is not set: run the tests with npm test, which compiles the app process');
  const child = spawn(process.execPath, [join(build, 'spec', 'support', 'cache-child.js')], {
    env: { ...process.env, ...env, CACHE_CHILD_NAME: name },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: Array<(reply: Record<string, unknown>) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => waiting.shift()?.(JSON.parse(line) as Record<string, unknown>));
  const next = () => new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      for (const resolveReply of waiting.splice(0)) resolveReply({ error: `exited with code ${code}` });
      resolve();
    }),
  );
  return {
    ready: next(),
    async ask(command: Record<string, unknown>): Promise<Record<string, unknown>> {
      const reply = next();
      child.stdin!.write(`${JSON.stringify(command)}\n`);
      const got = await reply;
      if (got.error) throw new Error(`${name}: ${String(got.error)}`);
      return got;
    },
    async stop(): Promise<void> {
      child.stdin!.end();
      await exited;
    },
  };
}

if (databaseUrl && redisUrl()) {
  describe('a cache shared through Redis by two app processes', () => {
    const prefix = testPrefix('children');
    const shared = { CACHE_CHILD_KEY: randomBytes(32).toString('base64'), CACHE_CHILD_PREFIX: prefix };
    let admin: TestRedis;
    const apps: Array<ReturnType<typeof appProcess>> = [];

    beforeAll(async () => {
      admin = await inspector(redisUrl()!);
      // a reads through in-process copies that live an hour; b has none.
      // One after the other: both create the table on start.
      for (const [name, localTtlMs] of [['child_a', '3600000'], ['child_b', '0']] as const) {
        const app = appProcess(name, { ...shared, CACHE_CHILD_LOCAL_TTL_MS: localTtlMs });
        apps.push(app);
        assert.deepEqual(await app.ready, { ready: true });
      }
    });

    afterAll(async () => {
      for (const app of apps) await app.stop();
      await dropPrefix(admin, prefix);
      admin.destroy();
    });

    it('each sees the other’s committed writes; copies are evicted by publish/subscribe', async () => {
      const [a, b] = apps as [ReturnType<typeof appProcess>, ReturnType<typeof appProcess>];
      const { id } = await a.ask({ op: 'create', name: 'one', email: `child-${Date.now()}@example.com` });
      assert.equal((await a.ask({ op: 'read', id })).name, 'one');
      assert.equal((await a.ask({ op: 'read', id })).name, 'one');
      assert.equal((await b.ask({ op: 'read', id })).name, 'one');
      assert.equal((await b.ask({ op: 'stats' })).hits, 1, 'b read what a stored in Redis');

      await b.ask({ op: 'rename', id, name: 'two' });
      await until(async () => !((await a.ask({ op: 'local' })).texts as string[]).some((t) => t.includes('"one"')));
      assert.equal((await a.ask({ op: 'read', id })).name, 'two');

      await a.ask({ op: 'rename', id, name: 'three' });
      assert.equal((await b.ask({ op: 'read', id })).name, 'three', 'without copies, right after the other committed');
    });
  });
}
