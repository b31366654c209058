import assert from 'node:assert/strict';
import { BaseModel, DatabaseFactory, Field, Model, Unique, UniqueConstraintError } from 'essencia';
import { truncate, useTestDatabases, withRollback } from 'essencia/testing';

// Explicit field types: vitest's esbuild transform emits no decorator metadata.
@Model({ database: 'fixture', collection: 'runner_notes' })
class Note extends BaseModel {
  @Field({ type: 'string' }) @Unique() title!: string;
  @Field({ type: 'int' }) stars = 0;
  @Field({ type: 'date', nullable: true }) seenAt?: Date | null;
}

declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => Promise<void>) => void;

/** The same tests under each runner: the embedded default, rows, rollback, truncate, errors with their codes. */
export function runnerSuite(runner: string): void {
  useTestDatabases({ fixture: undefined });

  describe(`essencia/testing under ${runner}`, () => {
    it('creates and finds rows on the embedded database', async () => {
      const note = await Note.create({ title: 'first', stars: 3, seenAt: new Date('2026-01-02T03:04:05Z') });
      const found = await Note.findById(note.id);
      assert.equal(found?.title, 'first');
      // A Date of the test's own realm, even when the row came from a worker thread.
      assert.ok(found?.seenAt instanceof Date);
      assert.equal(found.seenAt.toISOString(), '2026-01-02T03:04:05.000Z');
      assert.deepEqual((await Note.findMany({ stars: { $gte: 3 } })).map((n) => n.title), ['first']);
    });

    it('withRollback returns the value and leaves nothing behind', async () => {
      const before = await Note.count();
      const inside = await withRollback('fixture', async () => {
        await Note.create({ title: 'temporary' });
        return Note.count();
      });
      assert.equal(inside, before + 1);
      assert.equal(await Note.count(), before);
    });

    it('a duplicate arrives as UniqueConstraintError (the PostgreSQL code crossed the thread)', async () => {
      await Note.create({ title: 'twice' });
      await assert.rejects(Note.create({ title: 'twice' }), (error: unknown) => error instanceof UniqueConstraintError && error.fields.includes('title'));
    });

    it('streams rows on a cursor and nests a savepoint', async () => {
      await DatabaseFactory.getDatabase('fixture').transaction(async () => {
        await Note.create({ title: 'outer' });
        await assert.rejects(DatabaseFactory.getDatabase('fixture').transaction(async () => {
          await Note.create({ title: 'inner' });
          throw new Error('undo the savepoint');
        }));
      });
      const titles: string[] = [];
      for await (const note of Note.query().orderBy({ title: 'asc' }).stream({ batchSize: 2 })) titles.push(note.title);
      assert.deepEqual(titles, ['first', 'outer', 'twice']);
    });

    it('truncate empties every table of the database', async () => {
      await truncate('fixture');
      assert.equal(await Note.count(), 0);
    });
  });
}
