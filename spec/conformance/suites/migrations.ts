import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from '@jest/globals';
import type { Db } from 'mongodb';
import { configureEncryption, DatabaseFactory, MigrationError, resetEncryption, type Database } from '../../../lib';
import type { SqlDriver } from '../../../lib/drivers/sql/sql-driver';
import { modelMeta } from '../../../lib/metadata/model-meta';
import type { ColumnShape } from '../../../lib/migrate/schema';
import type { PlannedStep } from '../../../lib/migrate/steps';
import { itIf } from '../../support/capabilities';
import type { ConformanceContext, Suite } from '../../support/conformance';
import { MIGRATION_TABLES, MigCliItemCheck, MigClinic, MigNoteV1, MigNoteV2, MigPatientV1, MigPatientV2, MigTagV1, MigTagV2 } from '../../support/migration-models';

const KEY = Buffer.alloc(32, 7);

/** The classes of a plan, as `safety: description` lines, for readable assertions. */
const lines = (steps: readonly PlannedStep[]): string[] => steps.map((s) => `${s.safety}: ${s.description}${s.offendingRows ? ` [${s.offendingRows}]` : ''}`);

/** Empties what earlier runs left on a shared server (tables, collections, the journal). */
async function dropLeftovers(db: Database): Promise<void> {
  const driver = await db.ready();
  const backend = driver.migrationBackend!()!;
  const context = await backend.scriptContext(undefined);
  for (const name of MIGRATION_TABLES) {
    if (backend.runStatement) await backend.runStatement(`DROP TABLE IF EXISTS ${(db.driver as SqlDriver).dialect.quoteIdent(name)}`, undefined);
    else await (context['mongo'] as { collection(n: string): { drop(): Promise<unknown> } }).collection(name).drop().catch(() => undefined);
  }
}

/** The run's tsc output (scripts/test.mjs type-checks and emits lib and spec there), for the CLI child processes. */
function build(): string {
  const out = process.env.ESSENCIA_TEST_BUILD;
  if (!out) throw new Error('ESSENCIA_TEST_BUILD is not set: run the tests with npm test, which compiles lib for the CLI tests');
  return out;
}

function runNode(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A migration that adds one item after a pause, so that two processes running `up` overlap. */
const itemFile = (n: number) => `module.exports = { async up(ctx) {
  await new Promise((resolve) => setTimeout(resolve, 150));
  await ctx.step('item ${n}', () => ctx.db.models()[0].ctor.create({ n: ${n} }));
} };
`;

export const migrationsSuite: Suite = (ctx: ConformanceContext) => {
  const transactional = itIf(ctx.capabilities.transactionalDdl === true, 'capability transactionalDdl: absent (DDL is not transactional here)');
  const resumable = itIf(ctx.capabilities.transactionalDdl !== true, 'capability transactionalDdl: present (a failed file leaves nothing to resume)');
  let work: string;
  let url: string;
  const open = async (name: string): Promise<Database> => {
    const db = DatabaseFactory.createDatabase({ name, url, options: { connectTimeoutMs: 60_000 } });
    await db.connect();
    return db;
  };
  /** One version of the application at a time (PGlite's data directory has one owner). */
  const using = async <R>(name: string, fn: (db: Database) => Promise<R>): Promise<R> => {
    const db = await open(name);
    try {
      return await fn(db);
    } finally {
      await DatabaseFactory.removeDatabase(name);
    }
  };
  const dir = (name: string) => join(work, name);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'essencia-migrate-'));
    url = ctx.backend.onDisk?.(work) ?? ctx.backend.url!;
    configureEncryption({ keys: [{ id: 'mig', key: KEY }] });
    await using('mig_v1', dropLeftovers);
  });
  afterAll(() => {
    resetEncryption();
    rmSync(work, { recursive: true, force: true });
  });

  it('v1: plan lists the new tables as safe, generate writes 0001, up applies it once, status says applied', async () => {
    await using('mig_v1', async (db) => {
      const plan = await db.migrations.plan({ dir: dir('app') });
      assert.equal(plan.destructive + plan.needsData, 0, lines(plan.steps).join('\n'));
      assert.ok(plan.steps.some((s) => s.step.kind === 'createTable' && s.step.table.name === 'mig_patients'));
      const generated = await db.migrations.generate({ dir: dir('app'), name: 'init' });
      assert.match(generated.file!, /0001_init\.(sql|js)$/);
      assert.deepEqual(generated.leftOut, []);
      assert.deepEqual(await db.migrations.status({ dir: dir('app') }), [{ name: '0001_init', state: 'pending' }]);
      await assert.rejects(db.migrations.status({ dir: generated.file! }), (e: Error) => e instanceof MigrationError && /^migrate status on database 'mig_v1' failed: ENOTDIR/.test(e.message));
      assert.deepEqual(await db.migrations.up({ dir: dir('app') }), ['0001_init']);
      assert.deepEqual(await db.migrations.up({ dir: dir('app') }), []);
      const status = await db.migrations.status({ dir: dir('app') });
      assert.deepEqual(status.map((s) => [s.name, s.state]), [['0001_init', 'applied']]);
      assert.deepEqual((await db.migrations.plan({ dir: dir('app') })).steps, [], 'nothing left to do');
      await MigPatientV1.create({ name: 'Ana', email: 'ana@example.com', legacyCode: 'L1' });
      await MigPatientV1.create({ name: 'Bia', email: null, legacyCode: 'L2' });
    });
  });

  it('v2: plan classifies the new field, the rename, the dropped field, the new model and the compound index', async () => {
    await using('mig_v2', async (db) => {
      const plan = await db.migrations.plan({ dir: dir('app') });
      const text = lines(plan.steps);
      const has = (pattern: RegExp) => assert.ok(text.some((l) => pattern.test(l)), `${pattern} in\n${text.join('\n')}`);
      has(/^safe: rename mig_patients\.email to email_address$/);
      has(/^safe: add mig_patients\.phone \(.*, nullable\)$/);
      has(/^destructive: drop mig_patients\.legacy_code$/);
      has(/^safe: create mig_clinics \(MigClinic\)$/);
      has(/^safe: create index mig_patients_name_phone_idx on mig_patients \(name, phone\)$/);
      has(/^needs data: backfill mig_patients\.status with the default of MigPatientV2\.status \[2\]$/);
      assert.equal(plan.destructive, 1);
      assert.equal(plan.needsData, 1, text.join('\n'));
      assert.ok(!text.some((l) => /add mig_patients\.email_address|drop mig_patients\.email$/.test(l)), 'a rename, not a drop and an add');
    });
  });

  it('v2: generate leaves the destructive step out and says so; up keeps the data; with allowDestructive the drop follows', async () => {
    await using('mig_v2', async (db) => {
      const first = await db.migrations.generate({ dir: dir('app'), name: 'v2' });
      assert.match(first.file!, /0002_v2\.(sql|js)$/);
      assert.deepEqual(first.leftOut.map((p) => [p.description, p.reason]), [
        ['drop mig_patients.legacy_code', 'destructive: pass --allow-destructive (allowDestructive: true) to include it'],
      ]);
      assert.doesNotMatch(readFileSync(first.file!, 'utf8'), /DROP COLUMN .?.?legacy_code|unsetField\("mig_patients", "legacy_code"\)/);
      assert.match(readFileSync(first.file!, 'utf8'), /ctx\.backfill\("MigPatientV2", "status", "active"\)/);
      assert.deepEqual(await db.migrations.up({ dir: dir('app') }), ['0002_v2']);
      const patients = await MigPatientV2.query().orderBy('name').execute();
      assert.deepEqual(
        patients.map((p) => [p.name, p.emailAddress ?? null, p.phone ?? null, p.status]),
        [['Ana', 'ana@example.com', null, 'active'], ['Bia', null, null, 'active']],
        'renamed values kept, the new field backfilled with its default',
      );
      await MigClinic.create({ title: 'Centro' });
      await MigPatientV2.create({ name: 'Caio', emailAddress: 'caio@example.com', phone: '+55 11 1234-5678' });

      const again = await db.migrations.plan({ dir: dir('app') });
      // (MongoDB also rewrites the validator that kept the field while its drop was left out.)
      assert.deepEqual(lines(again.steps.filter((s) => s.step.kind !== 'validator')), ['destructive: drop mig_patients.legacy_code']);
      const second = await db.migrations.generate({ dir: dir('app'), name: 'drop legacy', allowDestructive: true });
      assert.match(second.file!, /0003_drop_legacy\.(sql|js)$/);
      assert.deepEqual(await db.migrations.up({ dir: dir('app') }), ['0003_drop_legacy']);
      assert.deepEqual((await db.migrations.plan({ dir: dir('app') })).steps, []);
      assert.equal(await MigPatientV2.count(), 3);
      assert.equal(await MigClinic.count(), 1);
      const gen = await db.migrations.generate({ dir: dir('app') });
      assert.equal(gen.file, undefined, 'nothing to generate');
    });
  });

  it('an applied file that was edited is a MigrationError naming it; status says changed', async () => {
    await using('mig_v2', async (db) => {
      const file = readdirSync(dir('app')).find((f) => f.startsWith('0002_'))!;
      const path = join(dir('app'), file);
      const original = readFileSync(path, 'utf8');
      writeFileSync(path, `${original}\n// edited\n`);
      try {
        await assert.rejects(db.migrations.up({ dir: dir('app') }), (e: Error) => e instanceof MigrationError && e.file === '0002_v2' && /was edited after it was applied/.test(e.message));
        assert.equal((await db.migrations.status({ dir: dir('app') })).find((s) => s.name === '0002_v2')!.state, 'changed');
      } finally {
        writeFileSync(path, original);
      }
    });
  });

  it('down refuses a file without a down part, naming it', async () => {
    await using('mig_v2', async (db) => {
      await assert.rejects(db.migrations.down({ dir: dir('app') }), (e: Error) => e instanceof MigrationError && e.file === '0003_drop_legacy' && /cannot be undone/.test(e.message));
    });
  });

  it('needs data: a required field over nulls and a unique index over duplicates are counted and left out', async () => {
    await using('mig_nd_v1', async (db) => {
      await db.migrations.generate({ dir: dir('nd'), name: 'tags' });
      await db.migrations.up({ dir: dir('nd') });
      assert.deepEqual(await db.migrations.down({ dir: dir('nd') }), ['0001_tags'], 'down undoes the last file');
      assert.equal((await db.migrations.status({ dir: dir('nd') })).find((s) => s.name === '0001_tags')!.state, 'pending');
      assert.ok(lines((await db.migrations.plan({ dir: dir('nd') })).steps).includes('safe: create mig_tags (MigTagV1)'));
      assert.deepEqual(await db.migrations.up({ dir: dir('nd') }), ['0001_tags']);
      for (const [label, code] of [[null, 'a'], [null, 'a'], ['x', 'a'], ['y', 'b'], [null, null], [null, null]] as const) {
        await MigTagV1.create({ label, code });
      }
    });
    await using('mig_nd_v2', async (db) => {
      const plan = await db.migrations.plan({ dir: dir('nd') });
      const text = lines(plan.steps);
      assert.ok(text.includes('needs data: make mig_tags.label required [4]'), text.join('\n'));
      assert.ok(text.includes('needs data: create unique index mig_tags_code_key on mig_tags (code) [3]'), text.join('\n'));
      const generated = await db.migrations.generate({ dir: dir('nd') });
      const reasons = generated.leftOut.map((p) => p.reason.split(':')[0]);
      assert.ok(reasons.includes('4 rows hold no value') && reasons.includes('3 rows hold duplicate values'), reasons.join('\n'));

      // The backfill data step: batched, only rows still null, with progress.
      writeFileSync(
        join(dir('nd'), '0003_backfill_label.js'),
        "module.exports = { async up(ctx) { await ctx.backfill('MigTagV2', 'label', (row) => `from ${row.code ?? 'nothing'}`, { batchSize: 2 }); } };\n",
      );
      const progress: number[] = [];
      await db.migrations.up({ dir: dir('nd'), onData: (p) => progress.push(p.written) });
      assert.deepEqual(progress, [2, 4], 'written after each batch of 2');
      const labels = (await MigTagV2.query().execute()).map((t) => t.label).sort();
      assert.deepEqual(labels, ['from a', 'from a', 'from nothing', 'from nothing', 'x', 'y']);
      const after = lines((await db.migrations.plan({ dir: dir('nd') })).steps);
      assert.ok(!after.some((l) => l.startsWith('needs data: make mig_tags.label required')), after.join('\n'));
    });
  });

  const documents = itIf(ctx.capabilities.sqlTables !== true, 'capability sqlTables: present (validators are for document databases)');
  documents('a validator is installed in warn mode while documents violate it, and enforced once none does', async () => {
    await using('mig_nd_v2', async (db) => {
      const helpers = await db.driver.migrationBackend!()!.scriptContext(undefined);
      const mongo = helpers['mongo'] as Db;
      const apply = helpers['applyValidator'] as (collection: string, columns: ColumnShape[]) => Promise<number>;
      const options = async () => ((await mongo.listCollections({ name: 'mig_tags' }).toArray())[0] as { options: Record<string, unknown> }).options;
      const columns = [{ name: 'code', type: 'string', nullable: false }];
      assert.equal(await apply('mig_tags', columns), 2, 'the two documents without a code');
      assert.deepEqual([(await options())['validationLevel'], (await options())['validationAction']], ['moderate', 'warn']);
      await mongo.collection('mig_tags').updateMany({ code: null }, { $set: { code: 'z' } });
      assert.equal(await apply('mig_tags', columns), 0);
      assert.deepEqual([(await options())['validationLevel'], (await options())['validationAction']], ['strict', 'error']);
      assert.deepEqual(((await options())['validator'] as { $jsonSchema: unknown }).$jsonSchema, { bsonType: 'object', required: ['code'], properties: { code: { bsonType: ['string'] } } });
    });
  });

  it('a field that held plaintext and is now encrypted: plan counts it, generate writes a data step, up encrypts every value', async () => {
    await using('mig_enc_v1', async (db) => {
      await db.migrations.generate({ dir: dir('enc'), name: 'notes' });
      await db.migrations.up({ dir: dir('enc') });
      for (let i = 0; i < 5; i++) await MigNoteV1.create({ body: `note ${i}` });
    });
    await using('mig_enc_v2', async (db) => {
      const plan = await db.migrations.plan({ dir: dir('enc') });
      assert.ok(lines(plan.steps).includes('needs data: encrypt the plaintext values of MigNoteV2.body (mig_notes) [5]'), lines(plan.steps).join('\n'));
      const generated = await db.migrations.generate({ dir: dir('enc'), name: 'encrypt body' });
      assert.match(generated.file!, /0002_encrypt_body\.js$/);
      assert.deepEqual(await db.migrations.up({ dir: dir('enc') }), ['0002_encrypt_body']);
      const meta = modelMeta(MigNoteV2);
      const stored = await db.driver.find(meta, {});
      assert.equal(stored.length, 5);
      assert.ok(stored.every((row) => /^v1:mig:/.test(String(row['body']))), 'every value is an envelope');
      const notes = await MigNoteV2.query().execute();
      assert.deepEqual(notes.map((n) => n.body).sort(), ['note 0', 'note 1', 'note 2', 'note 3', 'note 4']);
      // Nothing left (MongoDB: the validator now wants envelopes, and is enforced; SQLite keeps the NOT NULL it cannot drop in place).
      assert.deepEqual(lines((await db.migrations.plan({ dir: dir('enc') })).steps).filter((l) => !l.endsWith('make mig_notes.body nullable')), []);
    });
  });

  const twoProcesses = itIf(ctx.backend.name !== 'pglite', 'a PGlite data directory belongs to one process');
  twoProcesses('two processes running essencia migrate up at once apply every file exactly once', async () => {
    const cwd = join(work, 'cli');
    mkdirSync(join(cwd, 'migrations', 'mig_cli'), { recursive: true });
    writeFileSync(
      join(cwd, 'essencia.config.js'),
      [
        `const { DatabaseFactory, BaseModel, Model, Field } = require(${JSON.stringify(join(build(), 'lib', 'index.js'))});`,
        'class MigCliItem extends BaseModel {}',
        "Field({ type: 'int' })(MigCliItem.prototype, 'n');",
        "Model({ database: 'mig_cli', collection: 'mig_cli_items' })(MigCliItem);",
        "DatabaseFactory.createDatabase({ name: 'mig_cli', url: process.env.MIG_CLI_URL });",
        '',
      ].join('\n'),
    );
    const main = join(build(), 'lib', 'cli', 'main.js');
    const env = { ...process.env, MIG_CLI_URL: url };
    const generated = await runNode([main, 'migrate', 'generate', '--database', 'mig_cli', '--name', 'items'], env, cwd);
    assert.equal(generated.code, 0, generated.stderr);
    assert.match(generated.stdout, /^Wrote .*0001_items\.(sql|js) \(\d+ steps\):\n {2}safe {9}create mig_cli_items \(MigCliItem\)/);
    for (const n of [2, 3, 4]) writeFileSync(join(cwd, 'migrations', 'mig_cli', `000${n}_item.js`), itemFile(n));
    const runs = await Promise.all([0, 1].map(() => runNode([main, 'migrate', 'up', '--database', 'mig_cli'], env, cwd)));
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const applied = runs.flatMap((r) => r.stderr.split('\n').filter((l) => l.startsWith('applied ')));
    assert.deepEqual(applied.sort(), ['applied 0001_items', 'applied 0002_item', 'applied 0003_item', 'applied 0004_item']);
    const status = await runNode([main, 'migrate', 'status', '--database', 'mig_cli'], env, cwd);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /0004_item\s+applied/);
    const plan = await runNode([main, 'migrate', 'plan', '--database', 'mig_cli'], env, cwd);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /^Migration plan of database 'mig_cli': 0 safe, 0 need data, 0 destructive\n  nothing: the database matches the models/);
    await using('mig_cli_check', async (db) => {
      const rows = await db.driver.find(modelMeta(MigCliItemCheck), {});
      assert.deepEqual(rows.map((r) => Number(r['n'])).sort(), [2, 3, 4]);
    });
  });

  transactional('a failing file leaves nothing and is not journaled; the error names the file and the statement', async () => {
    await using('mig_v2', async (db) => {
      const broken = join(work, 'broken');
      mkdirSync(broken);
      writeFileSync(join(broken, '0001_broken.sql'), 'CREATE TABLE mig_broken (id text PRIMARY KEY);\nINSERT INTO mig_broken VALUES (\'a\');\nSELECT no_such_function();\n');
      await assert.rejects(
        db.migrations.up({ dir: broken }),
        (e: Error) => e instanceof MigrationError && e.file === '0001_broken' && /statement 3 failed \(SELECT no_such_function\(\)\)/.test(e.message),
      );
      assert.equal((await db.migrations.status({ dir: broken })).find((s) => s.name === '0001_broken')!.state, 'pending');
      const backend = db.driver.migrationBackend!()!;
      await assert.rejects(backend.runStatement!('SELECT * FROM mig_broken', undefined), /mig_broken/);
    });
  });

  const sqlResumable = itIf(ctx.capabilities.transactionalDdl !== true && ctx.capabilities.sqlTables === true, 'capability transactionalDdl present (a failed file leaves nothing to resume) or sqlTables absent (no .sql files)');
  sqlResumable('a failing .sql file is partial after the statements done; fixed, the next up runs only the rest', async () => {
    await using('mig_v2', async (db) => {
      const q = (db.driver as SqlDriver).dialect.quoteIdent;
      const broken = join(work, 'broken-sql');
      mkdirSync(broken);
      const path = join(broken, '0001_partial.sql');
      const text = (last: string) => `CREATE TABLE ${q('mig_broken')} (id varchar(10) PRIMARY KEY);\nINSERT INTO ${q('mig_broken')} VALUES ('a');\n${last};\n`;
      writeFileSync(path, text(`INSERT INTO ${q('mig_no_such_table')} VALUES ('b')`));
      await assert.rejects(db.migrations.up({ dir: broken }), (e: Error) => e instanceof MigrationError && e.file === '0001_partial' && /statement 3 failed/.test(e.message));
      const partial = (await db.migrations.status({ dir: broken })).find((s) => s.name === '0001_partial')!;
      assert.deepEqual([partial.state, partial.progress], ['partial', 2]);
      assert.match(partial.error!, /mig_no_such_table/);
      writeFileSync(path, text(`INSERT INTO ${q('mig_broken')} VALUES ('b')`));
      assert.deepEqual(await db.migrations.up({ dir: broken }), ['0001_partial']);
      const sql = (await db.driver.migrationBackend!()!.scriptContext(undefined))['sql'] as (text: string) => Promise<Array<{ id: string }>>;
      assert.deepEqual((await sql(`SELECT id FROM ${q('mig_broken')} ORDER BY id`)).map((r) => r.id), ['a', 'b']);
    });
  });

  resumable('a failing file is journaled as partial with how far it got; the next up continues after it', async () => {
    await using('mig_v2', async (db) => {
      const broken = join(work, 'broken-js');
      mkdirSync(broken);
      const flag = join(work, 'fail-once');
      writeFileSync(flag, '');
      writeFileSync(
        join(broken, '0001_steps.js'),
        `const fs = require('node:fs');
module.exports = { async up(ctx) {
  const clinic = ctx.db.models().find((m) => m.name === 'MigClinic');
  await ctx.step('one', () => ctx.db.driver.insert(clinic, [{ id: 'c-one', title: 'one' }]));
  await ctx.step('two', async () => { if (fs.existsSync(${JSON.stringify(flag)})) { fs.unlinkSync(${JSON.stringify(flag)}); throw new Error('boom'); } });
} };
`,
      );
      await assert.rejects(db.migrations.up({ dir: broken }), (e: Error) => e instanceof MigrationError && e.file === '0001_steps' && /statement 2 failed \(step\(two\)\): boom/.test(e.message));
      const status = (await db.migrations.status({ dir: broken })).find((s) => s.name === '0001_steps');
      assert.deepEqual([status!.state, status!.progress], ['partial', 1]);
      assert.deepEqual(await db.migrations.up({ dir: broken }), ['0001_steps']);
      assert.equal(await MigClinic.query().where({ title: 'one' }).count(), 1, 'step one ran once');
    });
  });
};
