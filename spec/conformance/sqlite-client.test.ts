import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, it } from '@jest/globals';
import { BaseModel, ConfigError, DatabaseFactory, Field, Model, QueryError, TransactionError, UniqueConstraintError, Unique, ValidationError, type Database } from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';
import { sqliteFile } from '../../lib/drivers/sqlite/sqlite-url';
import { rawSql } from '../support/sql-catalog';

/** What only SQLite's client does: files, WAL, the busy timeout, one transaction at a time on the connection. */

@Model({ database: 'sq_a', collection: 'sq_notes' })
class Note extends BaseModel {
  @Field() @Unique() title!: string;
  @Field({ type: 'int', nullable: true }) n?: number | null;
}

const dir = mkdtempSync(join(tmpdir(), 'essencia-sqlite-'));
afterEach(() => DatabaseFactory.closeAll());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(name: string, url: string, options: Record<string, unknown> = {}): Promise<Database> {
  const db = DatabaseFactory.createDatabase({ name, url, options });
  await db.connect();
  return db;
}

describe('sqlite: URLs', () => {
  it('names memory, a relative or an absolute file, with or without //', () => {
    assert.equal(sqliteFile('sqlite::memory:'), ':memory:');
    assert.equal(sqliteFile('sqlite:./data/app.db'), './data/app.db');
    assert.equal(sqliteFile('sqlite:/var/lib/app.db'), '/var/lib/app.db');
    assert.equal(sqliteFile('sqlite:///var/lib/app.db'), '/var/lib/app.db');
    assert.throws(() => sqliteFile('sqlite:'), ConfigError);
  });

  it('a file that cannot be opened is a ConnectionError saying where', async () => {
    const db = DatabaseFactory.createDatabase({ name: 'sq_bad', url: `sqlite:${join(dir, 'no', 'such', 'dir', 'x.db')}` });
    await assert.rejects(db.connect(), (e: Error) => e.name === 'ConnectionError' && /no\/such\/dir\/x\.db/.test(e.message));
  });
});

describe('sqlite: a file database', () => {
  it('uses WAL, keeps its rows across connections, and names the fields of a unique violation', async () => {
    const url = `sqlite:${join(dir, 'notes.db')}`;
    const a = await open('sq_a', url);
    await a.sync();
    const { rows } = await rawSql(a).query('PRAGMA journal_mode', []);
    assert.equal(rows[0]!.journal_mode, 'wal');
    await Note.create({ title: 'kept', n: 1 });
    await assert.rejects(Note.create({ title: 'kept' }), (e: Error) => e instanceof UniqueConstraintError && e.fields.join() === 'title');
    await DatabaseFactory.removeDatabase('sq_a');
    await open('sq_a', url);
    assert.deepEqual((await Note.findMany({})).map((x) => x.title), ['kept']);
  });

  it('a write lock held by another connection past the busy timeout is a retryable TransactionError', async () => {
    const url = `sqlite:${join(dir, 'locked.db')}`;
    const a = await open('sq_a', url, { busyTimeoutMs: 50 });
    await a.sync();
    const b = await open('sq_b', url, { busyTimeoutMs: 50 });
    await a.transaction(async () => {
      await Note.create({ title: 'in a' });
      const error = await b.transaction(async () => undefined).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof TransactionError && error.retryable, String(error));
      assert.match(error.message, /locked by another connection \(SQLITE_BUSY/);
    });
    assert.equal(await Note.count(), 1, 'the holder committed');
  });
});

describe('sqlite: native errors', () => {
  it('a NOT NULL violation names the property; another refusal is a QueryError keeping the cause', async () => {
    const db = await open('sq_a', 'sqlite::memory:');
    await db.sync();
    const meta = modelMeta(Note);
    await assert.rejects(async () => db.driver.insert(meta, [{ id: 'x', title: null }]), (e: Error) => e instanceof ValidationError && 'title' in e.errors);
    const error = db.driver.convertError(await Promise.resolve(rawSql(db).query('SELEC 1', [])).catch((e: unknown) => e));
    assert.ok(error instanceof QueryError && /SQLITE_ERROR/.test(error.message) && (error.cause as { code?: string }).code === 'SQLITE_ERROR', String(error));
  });
});

describe('sqlite: rows read', () => {
  it('rows are objects by column name, a repeated name keeping its last value; a SELECT * takes a changed schema', async () => {
    const sql = rawSql(await open('sq_a', 'sqlite::memory:'));
    const query = async (text: string) => (await sql.query(text, [])).rows;
    assert.deepEqual(await query(`SELECT 1 AS a, 'x' AS b, NULL AS c`), [{ a: 1, b: 'x', c: null }]);
    assert.deepEqual(await query('SELECT 1 AS a, 2 AS a'), [{ a: 2 }]);
    assert.deepEqual(Object.getPrototypeOf((await query('SELECT 1 AS __proto__'))[0]), Object.prototype);
    await query('CREATE TABLE sq_shape (k TEXT, v INTEGER)');
    await query(`INSERT INTO sq_shape VALUES ('one', 1)`);
    assert.deepEqual(await query('SELECT * FROM sq_shape'), [{ k: 'one', v: 1 }]);
    await query('ALTER TABLE sq_shape RENAME COLUMN v TO w');
    assert.deepEqual(await query('SELECT * FROM sq_shape'), [{ k: 'one', w: 1 }]);
    await query('ALTER TABLE sq_shape ADD COLUMN z TEXT');
    assert.deepEqual(await query('SELECT * FROM sq_shape'), [{ k: 'one', w: 1, z: null }]);
  });
});

describe('sqlite: long lists', () => {
  it('a $in / $nin list past 1000 values is one JSON parameter, with no limit from the parameters a statement binds', async () => {
    await (await open('sq_a', 'sqlite::memory:')).sync();
    await Note.insertMany([{ title: 'a', n: 7 }, { title: 'b', n: 39_999 }, { title: 'c', n: null }]);
    const many = Array.from({ length: 40_000 }, (_, i) => i * 2 + 1);
    assert.deepEqual((await Note.findMany({ n: { $in: many } }, { orderBy: { title: 'asc' } })).map((x) => x.title), ['a', 'b']);
    assert.deepEqual((await Note.findMany({ n: { $nin: many } })).map((x) => x.title), ['c']);
    assert.deepEqual((await Note.findMany({ title: { $in: ['b', ...many.map(String)] } })).map((x) => x.title), ['b']);
  });
});

describe('sqlite: one transaction at a time on the connection', () => {
  it('a statement outside an open transaction waits for it, and never sees its uncommitted rows', async () => {
    await (await open('sq_a', 'sqlite::memory:')).sync();
    const seen: string[] = [];
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const tx = DatabaseFactory.getDatabase('sq_a').transaction(async () => {
      await Note.create({ title: 'uncommitted' });
      inside();
      await held;
      seen.push('tx done');
      throw new Error('roll back');
    });
    await started;
    const outside = Note.count().then((n) => seen.push(`count ${n}`));
    finish();
    await assert.rejects(tx, /roll back/);
    await outside;
    assert.deepEqual(seen, ['tx done', 'count 0']);
  });

  it('two transactions run one after the other; a nested one is a savepoint', async () => {
    const db = await open('sq_a', 'sqlite::memory:');
    await db.sync();
    const order: string[] = [];
    const run = (name: string) =>
      db.transaction(async () => {
        order.push(`${name} begin`);
        await Note.create({ title: name });
        await new Promise((resolve) => setImmediate(resolve));
        await db.transaction(async () => {
          await Note.create({ title: `${name} inner` });
          throw new Error('undo the inner one');
        }).catch(() => undefined);
        order.push(`${name} end`);
      });
    await Promise.all([run('first'), run('second')]);
    assert.deepEqual(order, ['first begin', 'first end', 'second begin', 'second end']);
    assert.deepEqual((await Note.findMany({}, { orderBy: { title: 'asc' } })).map((x) => x.title), ['first', 'second']);
  });

  it('a stream inside a transaction reads its writes; writes go on while a stream is open', async () => {
    const db = await open('sq_a', 'sqlite::memory:');
    await db.sync();
    await Note.insertMany(Array.from({ length: 25 }, (_, i) => ({ title: `t${String(i).padStart(2, '0')}`, n: i })));
    let read = 0;
    for await (const note of Note.query().orderBy({ n: 'asc' }).stream({ batchSize: 10 })) {
      await Note.updateMany({ title: note.title }, { n: note.n! + 100 });
      read += 1;
    }
    assert.equal(read, 25);
    assert.equal(await Note.count({ n: { $gte: 100 } }), 25);
    await db.transaction(async () => {
      await Note.create({ title: 'new', n: -1 });
      const first = [];
      for await (const note of Note.query().orderBy({ n: 'asc' }).stream({ batchSize: 10 })) first.push(note.title);
      assert.equal(first[0], 'new');
    });
  });
});
