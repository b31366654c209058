import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, it } from '@jest/globals';
import { BaseModel, DatabaseFactory, Field, Model } from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';
import { backend } from '../support/backends';
import { missingBackend } from '../support/missing-backend';

/**
 * Statement texts and Drizzle tables are cached per driver, not per database type or model: one model's rows moved
 * between two databases of the same type (as copyData does) are bound by each database's own client, also after the
 * first one is closed; a database name created again on another backend gets that backend's SQL and table.
 */

@Model({ database: 'cache_first', collection: 'cache_notes' })
class CacheNote extends BaseModel {
  @Field() title!: string;
  @Field({ type: 'json', nullable: true }) body!: Record<string, unknown> | null;
}

@Model({ database: 'cache_again', collection: 'cache_events' })
class CacheEvent extends BaseModel {
  @Field() title!: string;
  @Field({ type: 'date', nullable: true }) at!: Date | null;
}

afterAll(() => DatabaseFactory.closeAll());

it('a model used on two PGlite databases: each keeps its own statements and client', async () => {
  const first = DatabaseFactory.createDatabase({ name: 'cache_first', url: 'pglite://memory' });
  const second = DatabaseFactory.createDatabase({ name: 'cache_second', url: 'pglite://memory' });
  const meta = modelMeta(CacheNote);
  await first.sync();
  await (await second.ready()).sync([meta]);
  const note = await CacheNote.create({ title: 'a', body: { tags: ['x'], n: 1 } });
  assert.equal(await CacheNote.count({ 'body.n': 1 }), 1);
  const rows = await first.driver.find(meta, {});
  await first.close();

  await second.driver.upsertMany(meta, rows);
  await second.driver.insert(meta, [{ id: 'b', title: 'b', body: { n: 2 } }]);
  const back = await second.driver.find(meta, { sort: [{ ref: { field: meta.byProperty.get('title')!, path: [] }, direction: 'asc' }] });
  assert.deepEqual(back.map((r) => [r['id'], r['title'], r['body']]), [
    [note.id, 'a', { tags: ['x'], n: 1 }],
    ['b', 'b', { n: 2 }],
  ]);
  assert.equal(first.isConnected, false);
});

const mysqlUrl = backend('mariadb').url;
if (!mysqlUrl) {
  missingBackend('a database name created again on another SQL backend', 'MYSQL_URL');
} else {
  it('a database name created again on another SQL backend: Model.table and the statements follow the new dialect', async () => {
    const { eq, is } = await import('drizzle-orm');
    const { PgTable } = await import('drizzle-orm/pg-core');
    const { MySqlTable } = await import('drizzle-orm/mysql-core');
    const at = new Date('0001-02-03T04:05:06.789Z');
    const ids: string[] = [];
    for (const [url, kind] of [['pglite://memory', PgTable], [mysqlUrl, MySqlTable], ['pglite://memory', PgTable]] as const) {
      const db = DatabaseFactory.createDatabase({ name: 'cache_again', url });
      try {
        await db.sync();
        await CacheEvent.forceDeleteMany({});
        const event = await CacheEvent.create({ title: url, at });
        ids.push(event.id);
        assert.ok(is(CacheEvent.table as unknown, kind), `Model.table is a ${kind.name} on ${url.split(':')[0]}`);
        const [row] = await db.drizzle.select().from(CacheEvent.table).where(eq(CacheEvent.table.id, event.id));
        assert.equal(row.at.toISOString(), at.toISOString());
        assert.equal((await CacheEvent.findOne({ title: url }))?.at?.toISOString(), at.toISOString());
      } finally {
        await DatabaseFactory.removeDatabase('cache_again');
      }
    }
    assert.equal(new Set(ids).size, 3);
  });
}
