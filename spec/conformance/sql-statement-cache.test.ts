import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, it } from '@jest/globals';
import { BaseModel, DatabaseFactory, Field, Model } from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';

/**
 * Statement texts are cached per driver, not per database type: one model's rows moved between two databases of the
 * same type (as copyData does) are bound by each database's own client, also after the first one is closed.
 */

@Model({ database: 'cache_first', collection: 'cache_notes' })
class CacheNote extends BaseModel {
  @Field() title!: string;
  @Field({ type: 'json', nullable: true }) body!: Record<string, unknown> | null;
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
