import 'reflect-metadata';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { BaseModel, DatabaseFactory, Field, Model } from '../../lib';
import { useTestDatabases, withRollback } from '../../lib/testing';

@Model({ database: 'kit_sqlite', collection: 'kit_sqlite_items' })
class SqliteItem extends BaseModel {
  @Field() label!: string;
}

const dir = mkdtempSync(join(tmpdir(), 'essencia-kit-'));
const named = join(dir, 'app.db');
useTestDatabases({ kit_sqlite: `sqlite:${named}` });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('essencia/testing on a SQLite file', () => {
  it('gives the file a database of its own beside the named one, which stays untouched', async () => {
    const db = DatabaseFactory.getDatabase('kit_sqlite');
    assert.equal(db.type, 'sqlite');
    assert.equal(existsSync(named), false);
    const files = readdirSync(dir).filter((f) => f.endsWith('.db'));
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^essencia_test_\d+_/);
    await withRollback('kit_sqlite', async () => {
      await SqliteItem.create({ label: 'a' });
      assert.equal(await SqliteItem.count(), 1);
    });
    assert.equal(await SqliteItem.count(), 0);
  });
});
