import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { configureEncryption, copyData, DatabaseFactory, resetEncryption, type Database } from '../../lib';
import { modelMeta } from '../../lib/metadata/model-meta';
import { backend } from '../support/backends';
import { reset } from '../support/conformance';
import { copyCPF, MyLocalPatient, MysqlPatient } from '../support/copy-models';
import { missingBackend } from '../support/missing-backend';

/** copyData between PGlite and MariaDB / MySQL, both ways: every value kind survives, verify agrees. */

const mysql = backend('mariadb');

if (!mysql.url) {
  missingBackend('copy between PGlite and MariaDB', 'MYSQL_URL');
} else {
  describe('copyData between PGlite and MariaDB', () => {
    let local: Database;
    let my: Database;
    beforeAll(async () => {
      configureEncryption({ keys: [{ id: 'copymy', key: randomBytes(32) }] });
      local = DatabaseFactory.createDatabase({ name: 'cp_my_local', url: 'pglite://memory' });
      my = DatabaseFactory.createDatabase({ name: 'cp_my', url: mysql.url! });
      await local.sync();
      await my.sync();
      await reset(my, MysqlPatient);
      const { CheckpointStore } = await import('../../lib/copy/checkpoint-store');
      for (const [db, source, model] of [[my, 'cp_my_local', MysqlPatient], [local, 'cp_my', MyLocalPatient]] as const) {
        const store = new CheckpointStore(db.driver, source);
        await store.prepare();
        await store.remove(modelMeta(model));
      }
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      resetEncryption();
    });

    it('PGlite → MariaDB → PGlite keeps dates, decimals, json, nulls, ciphertext and soft-deleted rows', async () => {
      for (let i = 0; i < 6; i++) {
        await MyLocalPatient.create({
          name: i === 0 ? 'trailing space ' : `P${i}`,
          born: i % 3 === 0 ? null : new Date(Date.UTC(1 + i * 400, i % 12, 1 + i, 10, 30, 15, 250)),
          balance: i % 4 === 0 ? null : `${i}.${i}05`,
          profile: i % 2 === 0 ? { z: i, a: { tags: ['x', i], ok: true } } : null,
          visits: i % 5 === 0 ? null : i,
          cpf: copyCPF(i),
        });
      }
      await (await MyLocalPatient.findOne({ name: 'P1' }))!.delete();
      const there = await copyData({ from: 'cp_my_local', to: 'cp_my', verify: true, batchSize: 4 });
      assert.deepEqual(there.models[0]!.verification, { sourceCount: 6, targetCount: 6, ok: true, differingIds: [] });
      assert.equal((await MysqlPatient.findOne({ cpf: copyCPF(2) }))?.name, 'P2');
      assert.equal((await MysqlPatient.findOne({ name: 'trailing space ' }))?.cpf, copyCPF(0));

      await reset(local, MyLocalPatient);
      const back = await copyData({ from: 'cp_my', to: 'cp_my_local', verify: true });
      assert.deepEqual(back.models[0]!.verification, { sourceCount: 6, targetCount: 6, ok: true, differingIds: [] });
      const p2 = await MyLocalPatient.findOne({ cpf: copyCPF(2) });
      assert.deepEqual([p2?.born?.toISOString(), p2?.balance, p2?.profile], ['0801-03-03T10:30:15.250Z', '2.205', { z: 2, a: { tags: ['x', 2], ok: true } }]);
      assert.equal((await MyLocalPatient.findMany({}, { withDeleted: true })).length, 6);
    });
  });
}
