import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { missingBackend } from '../support/missing-backend';
import { ConfigError, configureEncryption, copyData, DatabaseFactory, resetEncryption, type Database } from '../../lib';
import type { StoredRow } from '../../lib/drivers/driver';
import { modelMeta } from '../../lib/metadata/model-meta';
import { backend, type Backend } from '../support/backends';
import { reset } from '../support/conformance';
import { copyCPF, LocalPatient, MongoOnly, MongoPatient, PgPatient } from '../support/copy-models';

/**
 * `copyData` between backends: MongoDB → PostgreSQL and PostgreSQL → PGlite, with every value kind, soft-deleted
 * rows and encrypted fields; checkpoints and resume; verification. Needs DATABASE_URL and MONGODB_URL; without
 * them the tests are skipped loudly, or fail the run in CI.
 */

const postgres = backend('postgres');
const mongodb = backend('mongodb');
const missing = [postgres, mongodb].filter((b): b is Backend & { envVar: string } => !b.url);

type Patient = InstanceType<typeof MongoPatient>;

const byId = (rows: StoredRow[]): StoredRow[] => [...rows].sort((a, b) => String(a['id']).localeCompare(String(b['id'])));

async function stored(db: Database, model: Function): Promise<StoredRow[]> {
  return byId(await db.driver.find(modelMeta(model), {}));
}

/** Seeds rows with every value kind, nulls, a JSON with nested keys, and one soft-deleted row. */
async function seed(model: typeof MongoPatient, n: number): Promise<Patient[]> {
  const out: Patient[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      await model.create({
        name: `P${i}`,
        born: i % 3 === 0 ? null : new Date(Date.UTC(1980 + i, i % 12, 1 + i, 10, 30, 15, 250)),
        balance: i % 4 === 0 ? null : `${i}.${i % 10}5`,
        profile: i % 2 === 0 ? { z: i, a: { tags: ['x', i], ok: true } } : null,
        visits: i % 5 === 0 ? null : i,
        cpf: copyCPF(i),
      }),
    );
  }
  await out[1]!.delete();
  return out;
}

/** The stored rows of both sides agree value by value (dates and decimals by their meaning). */
function assertSameRows(source: StoredRow[], target: StoredRow[], model: Function): void {
  assert.equal(target.length, source.length);
  const meta = modelMeta(model);
  source.forEach((row, i) => {
    const copy = target[i]!;
    for (const field of meta.fields) {
      const [a, b] = [row[field.column] ?? null, copy[field.column] ?? null];
      const where = `${String(row['id'])}.${field.column}`;
      if (a instanceof Date || b instanceof Date) assert.equal((b as Date).getTime(), (a as Date).getTime(), where);
      else if (field.type === 'decimal' && a !== null) assert.equal(Number(b), Number(a), where);
      else assert.deepEqual(b, a, where);
    }
  });
}

if (missing.length > 0) {
  missingBackend('copy across backends', missing.map((b) => b.envVar).join(' and '));
} else {
  describe('copyData across backends', () => {
    const dbs = {} as Record<'mongo' | 'pg' | 'local', Database>;

    beforeAll(async () => {
      configureEncryption({ keys: [{ id: 'copy1', key: randomBytes(32) }] });
      dbs.mongo = DatabaseFactory.createDatabase({ name: 'cp_mongo', url: mongodb.url! });
      dbs.pg = DatabaseFactory.createDatabase({ name: 'cp_pg', url: postgres.url! });
      dbs.local = DatabaseFactory.createDatabase({ name: 'cp_local', url: 'pglite://memory' });
      for (const db of Object.values(dbs)) {
        await db.connect();
        await db.sync();
      }
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      resetEncryption();
    });
    beforeEach(async () => {
      await reset(dbs.mongo, MongoPatient);
      await reset(dbs.pg, PgPatient);
      await reset(dbs.local, LocalPatient);
      for (const db of Object.values(dbs)) await dropCheckpoints(db);
    });

    /** Forgets this suite's earlier copies (only its own checkpoints: other suites may share the database). */
    async function dropCheckpoints(db: Database): Promise<void> {
      const { CheckpointStore } = await import('../../lib/copy/checkpoint-store');
      for (const [source, model] of [['cp_mongo', MongoPatient], ['cp_pg', PgPatient], ['cp_local', LocalPatient]] as const) {
        const store = new CheckpointStore(db.driver, source);
        await store.prepare();
        await store.remove(modelMeta(model));
      }
    }

    it('MongoDB → PostgreSQL: every stored value, soft-deleted rows, ids kept; the target searches by CPF', async () => {
      const made = await seed(MongoPatient, 7);
      const progress: number[] = [];
      const report = await copyData({ from: 'cp_mongo', to: dbs.pg, models: [MongoPatient], batchSize: 3, onProgress: (p, done) => done || progress.push(p.copied) });
      assert.deepEqual(report.models.map((m) => [m.model, m.copied]), [['CopyPatient', 7]]);
      assert.deepEqual(progress, [3, 6, 7]);
      assertSameRows(await stored(dbs.mongo, MongoPatient), await stored(dbs.pg, PgPatient), MongoPatient);
      const found = await PgPatient.findOne({ cpf: copyCPF(4) });
      assert.equal(found?.id, made[4]!.id);
      assert.equal(found?.cpf, copyCPF(4));
      assert.deepEqual(found?.profile, { z: 4, a: { tags: ['x', 4], ok: true } });
      assert.equal(await PgPatient.findOne({ cpf: copyCPF(1) }), null, 'the soft-deleted row stays deleted');
      assert.equal((await PgPatient.findMany({ cpf: copyCPF(1) }, { withDeleted: true })).length, 1);
    });

    it('PostgreSQL → PGlite, then verify: counts and checksums match; a second run without --resume copies again', async () => {
      await seed(PgPatient, 5);
      const report = await copyData({ from: 'cp_pg', to: 'cp_local', verify: true, batchSize: 2 });
      const model = report.models.find((m) => m.model === 'CopyPatient')!;
      assert.equal(model.copied, 5);
      assert.deepEqual(model.verification, { sourceCount: 5, targetCount: 5, ok: true, differingIds: [] });
      assert.equal(report.ok, true);
      assertSameRows(await stored(dbs.pg, PgPatient), await stored(dbs.local, LocalPatient), PgPatient);
      assert.equal((await LocalPatient.findOne({ cpf: copyCPF(3) }))?.name, 'P3');

      const again = await copyData({ from: 'cp_pg', to: 'cp_local' });
      assert.equal(again.models[0]!.copied, 5);
      assert.equal((await LocalPatient.findMany({}, { withDeleted: true })).length, 5);
    });

    it('PGlite → MongoDB: upserts replace rows by id, checkpoints live in a collection, verify passes', async () => {
      const made = await seed(LocalPatient as typeof MongoPatient, 4);
      await MongoPatient.insertMany([{ name: 'stale copy', cpf: copyCPF(50) }]);
      const stale = (await MongoPatient.findOne({ name: 'stale copy' }))!;
      const report = await copyData({ from: 'cp_local', to: 'cp_mongo', batchSize: 3, verify: false });
      assert.equal(report.models[0]!.copied, 4);
      assertSameRows(await stored(dbs.local, LocalPatient), (await stored(dbs.mongo, MongoPatient)).filter((r) => r['id'] !== stale.id), LocalPatient);
      assert.equal((await MongoPatient.findOne({ cpf: copyCPF(2) }))?.id, made[2]!.id);

      const changed = await LocalPatient.findById(made[3]!.id);
      changed!.name = 'renamed at the source';
      await changed!.save();
      await copyData({ from: 'cp_local', to: 'cp_mongo' });
      assert.equal((await MongoPatient.findById(made[3]!.id))?.name, 'renamed at the source', 'a second copy replaces rows by id');
      await MongoPatient.forceDeleteMany({ id: stale.id });
      const verified = await copyData({ from: 'cp_local', to: 'cp_mongo', verify: true });
      assert.deepEqual(verified.models[0]!.verification, { sourceCount: 4, targetCount: 4, ok: true, differingIds: [] });
      assert.equal(verified.models[0]!.verifiedOnly, true);
    });

    it('verify names the ids that differ and only checks a finished copy (writes nothing)', async () => {
      const made = await seed(PgPatient, 6);
      await copyData({ from: 'cp_pg', to: 'cp_local' });
      const changed = await LocalPatient.findById(made[2]!.id);
      changed!.name = 'tampered';
      await changed!.save();
      const extra = await LocalPatient.create({ name: 'only on the target', cpf: copyCPF(99) });
      const before = await stored(dbs.local, LocalPatient);

      const report = await copyData({ from: 'cp_pg', to: 'cp_local', verify: true, batchSize: 4 });
      const model = report.models[0]!;
      assert.equal(report.ok, false);
      assert.equal(model.verifiedOnly, true);
      assert.deepEqual(model.verification?.ok, false);
      assert.deepEqual([...model.verification!.differingIds].sort(), [made[2]!.id, extra.id].sort());
      assert.deepEqual(await stored(dbs.local, LocalPatient), before, 'a verification writes nothing');
    });

    it('an unfinished copy is a ConfigError without resume; resume continues after the checkpoint', async () => {
      await seed(PgPatient, 5);
      const { CheckpointStore } = await import('../../lib/copy/checkpoint-store');
      const meta = modelMeta(PgPatient);
      const rows = await dbs.pg.driver.find(meta, { sort: [{ ref: { field: meta.id, path: [] }, direction: 'asc' }] });
      await dbs.local.driver.upsertMany(meta, rows.slice(0, 2));
      await new CheckpointStore(dbs.local.driver, 'cp_pg').write(meta, { lastId: String(rows[1]!['id']), copied: 2, done: false });

      await assert.rejects(copyData({ from: 'cp_pg', to: 'cp_local' }), (e: Error) => e instanceof ConfigError && /--resume/.test(e.message) && /2 rows/.test(e.message));
      const report = await copyData({ from: 'cp_pg', to: 'cp_local', resume: true, verify: true });
      assert.deepEqual([report.models[0]!.resumedFrom, report.models[0]!.copied, report.copied], [2, 5, 3]);
      assert.equal(report.ok, true);
    });

    it('bad options are typed errors', async () => {
      await assert.rejects(copyData({ from: 'cp_pg', to: 'cp_pg' }), ConfigError);
      await assert.rejects(copyData({ from: 'cp_pg', to: 'cp_local', models: ['Nope'] }), (e: Error) => e instanceof ConfigError && /CopyPatient/.test(e.message));
      await assert.rejects(copyData({ from: 'cp_pg', to: 'cp_local', models: [MongoPatient] }), ConfigError);
      await assert.rejects(copyData({ from: 'cp_pg', to: 'cp_local', batchSize: 0 }), /batchSize/);
      await assert.rejects(copyData({ from: 'cp_mongo', to: 'cp_pg', models: [MongoOnly] }), (e: Error) => e instanceof ConfigError && /MongoOnly extends MongoModel/.test(e.message));
    });
  });
}
