import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, ConfigError, DatabaseFactory, Field, Model, SoftDelete, Unique } from '../../lib';
import { resolveCacheConfig } from '../../lib/cache/cache-config';
import { CacheKeys } from '../../lib/cache/cache-keys';
import { open, seal } from '../../lib/cache/entry-seal';
import { idsOfFilter, uniqueLookup } from '../../lib/cache/lookup';
import { decodeRow, encodeRow } from '../../lib/cache/row-text';
import { modelMeta } from '../../lib/metadata/model-meta';
import { and, cmp } from '../../lib/query/filter-ast';
import { scopeFilter } from '../../lib/query/scope';

@Model({ database: 'unit_cache', collection: 'unit_cache_users', cache: { ttl: 30 } })
class User extends SoftDelete(BaseModel) {
  @Field() @Unique() email!: string;
  @Field() name!: string;
}

describe('cache parts', () => {
  const meta = modelMeta(User);
  const email = meta.byProperty.get('email')!;
  const name = meta.byProperty.get('name')!;

  it('a row as text comes back equal, dates included; driver objects are not cached', () => {
    const row = { id: 'a', at: new Date(1234), json: { k: [1, 'x', null, { d: true }] }, n: 1.5, absent: undefined };
    assert.deepEqual(decodeRow(encodeRow(row)!), { id: 'a', at: new Date(1234), json: { k: [1, 'x', null, { d: true }] }, n: 1.5 });
    assert.equal(encodeRow({ id: 'a', b: Buffer.from('x') }), undefined);
    assert.equal(encodeRow({ id: 'a', n: Number.NaN }), undefined);
    assert.equal(encodeRow({ id: 'a', j: { when: new Date(0) } }), undefined);
  });

  it('a sealed entry opens only under its own key and MAC', () => {
    const key = Buffer.alloc(32, 7);
    const text = seal(key, 'k1', 'payload');
    assert.equal(open(key, 'k1', text), 'payload');
    assert.equal(open(key, 'k2', text), undefined, 'moved to another key');
    assert.equal(open(Buffer.alloc(32, 8), 'k1', text), undefined, 'another secret');
    assert.equal(open(key, 'k1', text.replace('payload', 'paylOad')), undefined, 'changed');
    assert.equal(open(key, 'k1', 'garbage'), undefined);
  });

  it('key names carry no value and differ per secret', () => {
    const a = new CacheKeys('p:', Buffer.alloc(32, 1));
    const b = new CacheKeys('p:', Buffer.alloc(32, 2));
    const key = a.pointer(meta, 'email', 'someone@example.com');
    assert.ok(!key.includes('someone'));
    assert.notEqual(key, b.pointer(meta, 'email', 'someone@example.com'));
    assert.notEqual(a.pointer(meta, 'email', 1), a.pointer(meta, 'email', '1'), 'a number and its text are different values');
    assert.ok(!a.entry(meta, 'id-123', '*').includes('id-123'));
  });

  it('a name is the same however many others were derived in between (remembered or not)', () => {
    const keys = new CacheKeys('p:', Buffer.alloc(32, 1));
    const fresh = new CacheKeys('p:', Buffer.alloc(32, 1));
    const first = keys.entry(meta, 'id-1', '*');
    for (let i = 0; i < 10_000; i++) keys.rowGeneration(meta, `other-${i}`);
    assert.equal(keys.entry(meta, 'id-1', '*'), first);
    assert.equal(fresh.entry(meta, 'id-1', '*'), first);
    assert.equal(keys.rowGeneration(meta, 'other-5'), fresh.rowGeneration(meta, 'other-5'));
    assert.notEqual(keys.entry(meta, 'id-1', 'eq'), first);
  });

  it('recognises unique lookups (with the soft-delete scope) and nothing else', () => {
    const active = scopeFilter(meta, 'active');
    assert.equal(uniqueLookup(meta, { filter: and([cmp(email, 'eq', 'x'), active!]), limit: 1 })?.scope, 'eq');
    assert.equal(uniqueLookup(meta, { filter: cmp(email, 'eq', 'x') })?.scope, '*');
    assert.equal(uniqueLookup(meta, { filter: cmp(name, 'eq', 'x') }), undefined, 'not unique');
    assert.equal(uniqueLookup(meta, { filter: cmp(email, 'ne', 'x') }), undefined);
    assert.equal(uniqueLookup(meta, { filter: cmp(email, 'eq', 'x'), fields: [meta.id] }), undefined, 'partial rows');
    assert.equal(uniqueLookup(meta, { filter: cmp(email, 'eq', 'x'), offset: 1 }), undefined);
    assert.equal(uniqueLookup(meta, { filter: and([cmp(email, 'eq', 'x'), cmp(name, 'eq', 'y')]) }), undefined);
    assert.equal(uniqueLookup(meta, { filter: cmp(email, 'eq', null) }), undefined);
  });

  it('tells the ids a write filter is confined to', () => {
    assert.deepEqual(idsOfFilter(meta, cmp(meta.id, 'eq', 'a')), ['a']);
    assert.deepEqual(idsOfFilter(meta, and([cmp(meta.id, 'in', ['a', 'b']), cmp(name, 'eq', 'y')])), ['a', 'b']);
    assert.equal(idsOfFilter(meta, cmp(name, 'eq', 'y')), undefined);
    assert.equal(idsOfFilter(meta, undefined), undefined);
  });

  it('refuses bad settings with a ConfigError', () => {
    const bad: unknown[] = [
      { url: 'http://x' },
      { url: 'redis://x/not-a-number' },
      { url: 'redis://x:99999' },
      { url: 'redis://x', client: {} },
      { client: 'redis://x' },
      { secret: 'short' },
      { timeoutMs: 0 },
      { maxEntries: 1.5 },
      { localTtlMs: -1 },
      'redis://x',
    ];
    for (const config of bad) assert.throws(() => resolveCacheConfig('db', config as never), ConfigError, JSON.stringify(config));
    assert.throws(() => DatabaseFactory.createDatabase({ name: 'unit_cache_bad', url: 'pglite://memory', cache: { client: { get() {} } } }), ConfigError);
    assert.equal(DatabaseFactory.hasDatabase('unit_cache_bad'), false);
    @Model({ database: 'unit_cache', cache: { ttl: 0 } })
    class NoTtl extends BaseModel {}
    assert.throws(() => modelMeta(NoTtl), /ttl in seconds/);
  });

  it('a Redis cache without a secret nor an encryption key is a ConfigError when it connects', async () => {
    const db = DatabaseFactory.createDatabase({ name: 'unit_cache_nosecret', url: 'pglite://memory', cache: { url: 'redis://127.0.0.1:1' } });
    try {
      await assert.rejects(db.cache.start(), (e: unknown) => e instanceof ConfigError && /cache\.secret/.test((e as Error).message));
    } finally {
      await DatabaseFactory.removeDatabase(db.name);
    }
  });
});
