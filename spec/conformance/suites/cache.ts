import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { configureEncryption, DatabaseFactory, resetEncryption, type Database } from '../../../lib';
import type { StoredRow } from '../../../lib/drivers/driver';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { cacheModels } from '../../support/cache-models';
import { itIf } from '../../support/capabilities';
import { reset, type Suite } from '../../support/conformance';
import { formatCPF, validCPF } from '../../support/encryption-models';
import { missingBackend } from '../../support/missing-backend';
import { dropPrefix, dump, inspector, redisUrl, testPrefix, type TestRedis } from '../../support/redis';

const CPF = validCPF(71);
const OTHER_CPF = validCPF(72);
const HISTORY = { allergies: ['dipirona'], conditions: ['hipertensao arterial'] };
/** Plaintext of encrypted fields: it must never reach Redis or the in-process store. */
const SECRETS = [CPF, formatCPF(CPF), OTHER_CPF, 'dipirona', 'hipertensao'];

type Mode = 'memory' | 'redis';

/** The cache's behaviour on one backend, in-process and (with REDIS_URL) shared through Redis. */
export const cacheSuite: Suite = (ctx) => {
  for (const mode of ['memory', 'redis'] as const) {
    if (mode === 'redis' && !redisUrl()) {
      describe('redis', () => missingBackend(`the Redis cache on ${ctx.backend.name}`, 'REDIS_URL'));
      continue;
    }
    describe(mode, () => modeSuite(ctx, mode));
  }
};

function modeSuite(ctx: Parameters<Suite>[0], mode: Mode): void {
  const name = `cache_${mode}`;
  const { CachedPerson, CachedRecord, UncachedNote } = cacheModels(name, `cache_${mode}`);
  const prefix = testPrefix(`${ctx.backend.name}-${mode}`);
  let db: Database;
  let redis: TestRedis | undefined;
  const stats = () => db.cache.stats();

  beforeAll(async () => {
    configureEncryption({ keys: [{ id: 'cache1', key: randomBytes(32) }] });
    // With Redis, no in-process copies here: every read asks Redis (the copies are tested with two processes).
    // A generous timeout: these tests count hits, and a loaded machine must not turn one into a timeout.
    const cache = mode === 'redis' ? { url: redisUrl()!, prefix, localTtlMs: 0, timeoutMs: 2000 } : undefined;
    db = DatabaseFactory.createDatabase({ name, url: ctx.backend.url!, cache, options: { connectTimeoutMs: 10_000 } });
    await db.connect();
    await db.sync();
    if (mode === 'redis') redis = await inspector(redisUrl()!);
  });

  afterAll(async () => {
    if (redis) {
      await dropPrefix(redis, prefix);
      redis.destroy();
    }
    await DatabaseFactory.removeDatabase(name);
    resetEncryption();
  });

  beforeEach(async () => {
    await reset(db, CachedPerson, CachedRecord, UncachedNote); // behind the cache's back, so:
    await db.cache.invalidate(CachedPerson);
    await db.cache.invalidate(CachedRecord);
  });

  const person = (n: number) => ({ name: `P${n}`, email: `p${n}@example.com`, seenAt: new Date(Date.UTC(2024, 0, n)), tags: ['a', `t${n}`] });

  it('answers a second findById from the cache, with the same values', async () => {
    const p = await CachedPerson.create(person(1));
    const first = await CachedPerson.findById(p.id);
    const before = stats();
    const second = await CachedPerson.findById(p.id);
    assert.equal(stats().hits, before.hits + 1);
    assert.equal(stats().state, mode === 'redis' ? 'up' : 'memory');
    assert.deepEqual(second!.toJSON(), first!.toJSON());
    assert.deepEqual(second!.seenAt, p.seenAt);
    second!.tags!.push('changed');
    assert.deepEqual((await CachedPerson.findById(p.id))!.tags, ['a', 't1'], 'a cached row is a fresh copy each time');
  });

  it('never caches models without the cache option', async () => {
    const note = await UncachedNote.create({ text: 'x' });
    const before = stats();
    await UncachedNote.findById(note.id);
    await UncachedNote.findById(note.id);
    assert.deepEqual(stats(), before);
  });

  it('sees every kind of write: save, delete, updateMany, deleteMany, insertMany', async () => {
    const p = await CachedPerson.create(person(2));
    await CachedPerson.findById(p.id);
    p.name = 'renamed';
    await p.save();
    assert.equal((await CachedPerson.findById(p.id))!.name, 'renamed');
    await CachedPerson.updateMany({ name: 'renamed' }, { visits: 5 });
    assert.equal((await CachedPerson.findById(p.id))!.visits, 5);
    await CachedPerson.updateMany({ id: p.id }, { visits: 6 });
    assert.equal((await CachedPerson.findById(p.id))!.visits, 6);
    await CachedPerson.deleteMany({ visits: 6 });
    assert.equal(await CachedPerson.findById(p.id), null);
    const [q] = await CachedPerson.insertMany([person(3)]);
    assert.equal((await CachedPerson.findById(q!.id))!.name, 'P3');
    await q!.delete();
    assert.equal(await CachedPerson.findById(q!.id), null);
  });

  it('caches lookups by a unique field and follows a changed value', async () => {
    const p = await CachedPerson.create(person(4));
    // The first lookup learns which id holds the value, the second fills that row, the third is a hit.
    assert.equal((await CachedPerson.findOne({ email: 'p4@example.com' }))!.id, p.id);
    assert.equal((await CachedPerson.findOne({ email: 'p4@example.com' }))!.id, p.id);
    const before = stats();
    assert.equal((await CachedPerson.findOne({ email: 'p4@example.com' }))!.id, p.id);
    assert.equal(stats().hits, before.hits + 1);
    p.email = 'p4b@example.com';
    await p.save();
    assert.equal(await CachedPerson.findOne({ email: 'p4@example.com' }), null);
    assert.equal((await CachedPerson.findOne({ email: 'p4b@example.com' }))!.id, p.id);
    const other = await CachedPerson.create({ ...person(5), email: 'p4@example.com' });
    assert.equal((await CachedPerson.findOne({ email: 'p4@example.com' }))!.id, other.id, 'the old value now names another row');
  });

  it('caches lookups by an encrypted unique field through its blind index, and keeps the soft-delete scope', async () => {
    const r = await CachedRecord.create({ label: 'r', cpf: CPF, history: HISTORY });
    await CachedRecord.findOne({ cpf: CPF });
    await CachedRecord.findOne({ cpf: CPF });
    const before = stats();
    const found = await CachedRecord.findOne({ cpf: CPF });
    assert.equal(stats().hits, before.hits + 1);
    assert.equal(found!.cpf, CPF);
    assert.deepEqual(found!.history, HISTORY);
    await r.delete();
    assert.equal(await CachedRecord.findOne({ cpf: CPF }), null);
    assert.equal(await CachedRecord.findById(r.id), null);
    assert.equal((await CachedRecord.findOne({ cpf: CPF }, { withDeleted: true }))!.id, r.id);
    await r.restore();
    assert.equal((await CachedRecord.findById(r.id))!.label, 'r');
  });

  itIf(ctx.capabilities.transactions, 'capability transactions: absent on this backend')(
    'bypasses reads inside a transaction and invalidates after commit only',
    async () => {
      const p = await CachedPerson.create(person(6));
      await CachedPerson.findById(p.id);
      const before = stats();
      await assert.rejects(
        db.transaction(async () => {
          const inside = (await CachedPerson.findById(p.id))!;
          inside.name = 'rolled back';
          await inside.save();
          throw new Error('roll back');
        }),
      );
      assert.equal(stats().bypasses, before.bypasses + 1);
      assert.equal((await CachedPerson.findById(p.id))!.name, 'P6');
      await db.transaction(async () => {
        const inside = (await CachedPerson.findById(p.id))!;
        inside.name = 'committed';
        await inside.save();
      });
      assert.equal((await CachedPerson.findById(p.id))!.name, 'committed');
    },
  );

  itIf(ctx.capabilities.sqlTables === true, 'capability sqlTables: db.drizzle needs a SQL database')(
    'sees rows rewritten through db.drizzle: at once outside a transaction, after commit inside one, never on rollback',
    async () => {
      const { eq } = await import('drizzle-orm');
      const t = CachedPerson.table;
      const p = await CachedPerson.create(person(9));
      await CachedPerson.findById(p.id);
      await db.drizzle.update(t).set({ name: 'outside' }).where(eq(t.id, p.id));
      assert.equal((await CachedPerson.findById(p.id))!.name, 'outside');

      await assert.rejects(
        db.transaction(async () => {
          await db.drizzle.update(t).set({ name: 'rolled back' }).where(eq(t.id, p.id));
          throw new Error('roll back');
        }),
      );
      const before = stats();
      assert.equal((await CachedPerson.findById(p.id))!.name, 'outside');
      assert.equal(stats().hits, before.hits + 1, 'a rolled-back Drizzle write invalidates nothing');

      await db.transaction(async () => {
        await db.drizzle.update(t).set({ name: 'committed' }).where(eq(t.id, p.id));
      });
      assert.equal((await CachedPerson.findById(p.id))!.name, 'committed');
      await db.drizzle.delete(t).where(eq(t.id, p.id));
      assert.equal(await CachedPerson.findById(p.id), null);
    },
  );

  it('a migration that rewrote rows behind the models leaves no cached row stale', async () => {
    const p = await CachedPerson.create(person(10));
    await CachedPerson.findById(p.id);
    const table = modelMeta(CachedPerson).collection;
    const dir = mkdtempSync(join(tmpdir(), 'essencia-cache-migrate-'));
    // A name of its own per run: the journal lives in the shared database, and applied names are never run again.
    const name = `0001_rename_${mode}_${Date.now()}`;
    writeFileSync(
      join(dir, `${name}.js`),
      `module.exports = { async up(ctx) {
        if (ctx.mongo) await ctx.mongo.collection('${table}').updateMany({}, { $set: { name: 'migrated' } });
        else await ctx.sql("UPDATE ${table} SET name = 'migrated'");
      } };`,
    );
    try {
      assert.deepEqual(await db.migrations.up({ dir }), [name]);
      assert.equal((await CachedPerson.findById(p.id))!.name, 'migrated');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never puts back a row read before a concurrent write committed (the fill race)', async () => {
    const p = await CachedPerson.create(person(7));
    const driver = db.driver as unknown as { findById: (...args: unknown[]) => Promise<StoredRow | undefined> };
    const original = driver.findById;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let fetched!: () => void;
    const fetchedOld = new Promise<void>((resolve) => (fetched = resolve));
    driver.findById = async function (this: unknown, ...args: unknown[]) {
      const row = await original.apply(this, args);
      fetched();
      await released;
      return row;
    };
    try {
      const slowRead = CachedPerson.findById(p.id);
      await fetchedOld;
      driver.findById = original;
      await CachedPerson.updateMany({ id: p.id }, { name: 'new' });
      release();
      assert.equal((await slowRead)!.name, 'P7', 'the slow reader got the row as it was when it read');
    } finally {
      driver.findById = original;
    }
    assert.equal((await CachedPerson.findById(p.id))!.name, 'new');
    assert.equal((await CachedPerson.findById(p.id))!.name, 'new');
  });

  it('invalidate(Model) makes every entry of the model stale', async () => {
    const p = await CachedPerson.create(person(8));
    await CachedPerson.findById(p.id);
    await CachedPerson.findById(p.id);
    await db.driver.updateMany(modelMeta(CachedPerson), undefined, { name: 'behind the cache' });
    assert.equal((await CachedPerson.findById(p.id))!.name, 'P8', 'a write the cache did not see');
    await db.cache.invalidate(CachedPerson);
    const before = stats();
    assert.equal((await CachedPerson.findById(p.id))!.name, 'behind the cache');
    assert.equal(stats().misses, before.misses + 1);
  });

  it('holds no plaintext of encrypted fields, and no value in any key', async () => {
    const r = await CachedRecord.create({ label: 'label one', cpf: CPF, history: HISTORY });
    const s = await CachedRecord.create({ label: 'label two', cpf: OTHER_CPF, history: { allergies: ['dipirona'] } });
    for (let i = 0; i < 2; i++) {
      await CachedRecord.findById(r.id);
      await CachedRecord.findOne({ cpf: CPF });
      await CachedRecord.findOne({ cpf: OTHER_CPF });
      await CachedRecord.findById(s.id);
    }
    const texts = db.cache.localEntries();
    if (mode === 'memory') assert.ok(texts.length > 0, 'the in-process store holds entries');
    const seen: string[] = [...texts];
    if (redis) {
      const stored = await dump(redis, prefix);
      assert.ok(stored.size > 0, 'Redis holds entries');
      for (const [key, value] of stored) {
        // Values with a space: key names are base64url, where a short word like 'sec' can turn up by chance.
        for (const value_ of [r.id, s.id, 'label one', 'label two', CPF]) assert.ok(!key.includes(value_), `key ${key} names a value`);
        seen.push(key, value);
      }
    }
    for (const text of seen) for (const secret of SECRETS) assert.ok(!text.includes(secret), `plaintext in the cache: ${text}`);
  });

  if (mode === 'redis') {
    it('refuses entries planted or changed in Redis', async () => {
      const p = await CachedPerson.create(person(9));
      await CachedPerson.findById(p.id);
      await CachedPerson.findById(p.id);
      const entries = [...(await dump(redis!, prefix))].filter(([key, value]) => key.includes(':e:') && value.includes('P9'));
      assert.ok(entries.length > 0);
      for (const [key, value] of entries) await redis!.set(key, value.replace('"P9"', '"planted"'));
      const before = stats();
      assert.equal((await CachedPerson.findById(p.id))!.name, 'P9');
      assert.equal(stats().errors, before.errors + 1, 'the forged entry was refused');
      assert.equal(stats().misses, before.misses + 1);
      assert.equal((await CachedPerson.findById(p.id))!.name, 'P9');
      assert.equal(stats().hits, before.hits + 1, 'and replaced by the real row');
    });
  }
}
