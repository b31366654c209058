import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, it } from '@jest/globals';
import { configureEncryption, copyData, DatabaseFactory, resetEncryption } from '../../lib';
import type { StoredRow } from '../../lib/drivers/driver';
import { modelMeta } from '../../lib/metadata/model-meta';
import { copyCPF, LocalPatient, SqlitePatient } from '../support/copy-models';

/** `copyData` between the two embedded backends, both ways: SQLite's upsertMany, its stored forms and checksums. */

const byId = (rows: StoredRow[]) => [...rows].sort((a, b) => String(a['id']).localeCompare(String(b['id'])));

beforeAll(async () => {
  configureEncryption({ keys: [{ id: 'copy1', key: randomBytes(32) }] });
  for (const [name, url] of [['cp_local', 'pglite://memory'], ['cp_sqlite', 'sqlite::memory:']]) {
    const db = DatabaseFactory.createDatabase({ name: name!, url: url! });
    await db.connect();
    await db.sync();
  }
});
afterAll(async () => {
  await DatabaseFactory.closeAll();
  resetEncryption();
});

it('PGlite → SQLite → PGlite: every value kind and soft-deleted rows survive, verify passes, the copy searches by CPF', async () => {
  for (let i = 0; i < 6; i++) {
    await LocalPatient.create({
      name: `P${i}`,
      born: i % 3 === 0 ? null : new Date(Date.UTC(1 + i * 1000, i, 1 + i, 10, 30, 15, 250)),
      balance: i % 4 === 0 ? null : `-${i}.${i}50`,
      profile: i % 2 === 0 ? { z: i, a: { tags: ['x', i, null], ok: true } } : null,
      visits: i % 5 === 0 ? null : i,
      cpf: copyCPF(i),
    });
  }
  await (await LocalPatient.findOne({ name: 'P1' }))!.delete();
  const there = await copyData({ from: 'cp_local', to: 'cp_sqlite', batchSize: 4, verify: true });
  assert.deepEqual(there.models[0]!.verification, { sourceCount: 6, targetCount: 6, ok: true, differingIds: [] });
  const source = byId(await DatabaseFactory.getDatabase('cp_local').driver.find(modelMeta(LocalPatient), {}));
  assert.deepEqual(byId(await DatabaseFactory.getDatabase('cp_sqlite').driver.find(modelMeta(SqlitePatient), {})), source);
  assert.equal((await SqlitePatient.findOne({ cpf: copyCPF(4) }))?.name, 'P4');
  assert.equal(await SqlitePatient.findOne({ cpf: copyCPF(1) }), null, 'the soft-deleted row stays deleted');

  await LocalPatient.deleteMany({});
  await DatabaseFactory.getDatabase('cp_local').driver.deleteMany(modelMeta(LocalPatient), undefined);
  const back = await copyData({ from: 'cp_sqlite', to: 'cp_local', verify: true });
  assert.equal(back.ok, true);
  assert.deepEqual(byId(await DatabaseFactory.getDatabase('cp_local').driver.find(modelMeta(LocalPatient), {})), source);
});
