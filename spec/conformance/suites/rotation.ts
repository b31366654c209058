import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, it } from '@jest/globals';
import { ConfigError, configureEncryption, DatabaseFactory, resetEncryption, type Database } from '../../../lib';
import { encryptLegacy } from '../../../lib/codec/encryption';
import type { StoredRow } from '../../../lib/drivers/driver';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { rotateKeys, type RotationFailure } from '../../../lib/cli/rotate';
import { reset, type Suite } from '../../support/conformance';
import { CliPatient, formatCPF, RotPatient, RotVersioned, validCPF } from '../../support/encryption-models';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const LEGACY_PASSWORD = 'a key string of the python original';
const HISTORY = { allergies: ['dipirona'] };

const onlyA = (): void => configureEncryption({ keys: [{ id: 'kA', key: KEY_A }], legacyKey: LEGACY_PASSWORD });
const bActiveAKnown = (): void => configureEncryption({ keys: [{ id: 'kB', key: KEY_B }, { id: 'kA', key: KEY_A }] });
const onlyB = (): void => configureEncryption({ keys: [{ id: 'kB', key: KEY_B }] });

const meta = () => modelMeta(RotPatient);
const col = (property: string, model: Function = RotPatient): string => modelMeta(model).byProperty.get(property)!.column;
const ENCRYPTED = ['cpf', 'rg', 'history', 'notes'];

/** The run's tsc output (scripts/test.mjs type-checks and emits lib and spec there), for the CLI child processes. */
function build(): string {
  const out = process.env.ESSENCIA_TEST_BUILD;
  if (!out) throw new Error('ESSENCIA_TEST_BUILD is not set: run the tests with npm test, which compiles lib for the CLI tests');
  return out;
}

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ChildResult> {
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

export const rotationSuite: Suite = (ctx) => {
  let db: Database;
  const raw = async (withMeta = meta()): Promise<StoredRow[]> => db.driver.find(withMeta, { sort: [{ ref: { field: withMeta.id, path: [] }, direction: 'asc' }] });
  const seed = async (n: number): Promise<RotPatient[]> => {
    const out: RotPatient[] = [];
    for (let i = 0; i < n; i++) {
      out.push(await RotPatient.create({ name: `P${i}`, cpf: validCPF(100 + i), rg: `1234567${i}`, history: HISTORY, notes: `nota ${i}` }));
    }
    return out;
  };
  const keyOf = (row: StoredRow, property: string, model: Function = RotPatient): string | undefined =>
    /^v1:([^:]+):/.exec(String(row[col(property, model)]))?.[1];

  beforeAll(async () => {
    onlyA();
    db = DatabaseFactory.createDatabase({ name: 'rot', url: ctx.backend.url!, options: { connectTimeoutMs: 10_000 } });
    await db.connect();
    await db.sync();
  });
  afterAll(async () => {
    await DatabaseFactory.removeDatabase('rot');
    resetEncryption();
  });
  beforeEach(async () => {
    onlyA();
    await reset(db, RotPatient);
  });

  it('re-encrypts a legacy dataset (soft-deleted rows too): v1 under the active key, blind indexes, search works', async () => {
    const cpfs = [0, 1, 2, 3].map((i) => validCPF(200 + i));
    const rows = cpfs.map((cpf, i) => ({
      [meta().id.column]: db.driver.newId(),
      [col('name')]: `Legacy ${i}`,
      [col('cpf')]: encryptLegacy(i === 1 ? formatCPF(cpf) : cpf, LEGACY_PASSWORD, 'cpf'),
      [col('cpfBidx')]: null,
      [col('rg')]: encryptLegacy(`98765432${i}`, LEGACY_PASSWORD, 'rg'),
      [col('rgBidx')]: null,
      [col('history')]: encryptLegacy(JSON.stringify(HISTORY), LEGACY_PASSWORD, 'medical'),
      [col('notes')]: encryptLegacy(`nota antiga ${i}`, LEGACY_PASSWORD, 'default'),
      [col('deletedAt')]: i === 3 ? new Date() : null,
    }));
    await db.driver.insert(meta(), rows);
    assert.equal((await RotPatient.findById(String(rows[0]![meta().id.column])))?.cpf, cpfs[0], 'legacy values are readable');
    assert.equal(await RotPatient.findOne({ cpf: cpfs[0]! }), null, 'no blind index yet');

    const report = await rotateKeys(db, { batchSize: 3 });
    assert.deepEqual([report.scanned, report.rewritten, report.failed, report.activeKeyId], [4, 4, 0, 'kA']);
    for (const row of await raw()) {
      for (const property of ENCRYPTED) assert.equal(keyOf(row, property), 'kA', `${property} is a v1 envelope under kA`);
      assert.match(String(row[col('cpfBidx')]), /^[A-Za-z0-9_-]{43}$/);
      assert.match(String(row[col('rgBidx')]), /^[A-Za-z0-9_-]{43}$/);
    }
    for (const [i, cpf] of cpfs.entries()) {
      const found = await RotPatient.findOne({ cpf: formatCPF(cpf) }, { withDeleted: true });
      assert.equal(found?.cpf, cpf);
      assert.equal(found?.rg, `98765432${i}`);
      assert.deepEqual(found?.history, HISTORY);
      assert.equal(found?.notes, `nota antiga ${i}`);
    }
    assert.equal(await RotPatient.count({ rg: '987654320' }), 1);
    const again = await rotateKeys(db);
    assert.deepEqual([again.scanned, again.rewritten, again.failed], [4, 0, 0]);
  });

  it('rotation does not bump @Version(): an instance loaded before it still saves', async () => {
    const versioned = DatabaseFactory.createDatabase({ name: 'rot_versioned', url: ctx.backend.url!, options: { connectTimeoutMs: 10_000 } });
    try {
      await versioned.connect();
      await versioned.sync();
      await reset(versioned, RotVersioned);
      const created = await RotVersioned.create({ notes: 'nota' });
      const loaded = (await RotVersioned.findById(created.id))!;
      bActiveAKnown();
      const report = await rotateKeys(versioned);
      assert.deepEqual([report.scanned, report.rewritten], [1, 1]);
      const [row] = await versioned.driver.find(modelMeta(RotVersioned), {});
      assert.deepEqual([keyOf(row!, 'notes', RotVersioned), row![col('version', RotVersioned)]], ['kB', 1]);
      loaded.notes = 'nova nota';
      await loaded.save();
      assert.deepEqual([(await RotVersioned.findById(created.id))?.notes, loaded.version], ['nova nota', 2]);
    } finally {
      await reset(versioned, RotVersioned);
      await DatabaseFactory.removeDatabase('rot_versioned');
    }
  });

  it('the Python original\'s empty value "" reads as null (nullable) or \'\' and rotation passes over it', async () => {
    const cpf = validCPF(250);
    const row = (name: string, values: Record<string, unknown>): StoredRow => ({
      [meta().id.column]: db.driver.newId(),
      [col('name')]: name,
      [col('cpfBidx')]: null,
      [col('rgBidx')]: null,
      [col('deletedAt')]: null,
      ...Object.fromEntries(Object.entries(values).map(([property, value]) => [col(property), value])),
    });
    const empty = row('Empty', { cpf: '', rg: '', history: '', notes: '' });
    const full = row('Full', { cpf: encryptLegacy(cpf, LEGACY_PASSWORD, 'cpf'), rg: '', history: encryptLegacy(JSON.stringify(HISTORY), LEGACY_PASSWORD, 'medical'), notes: '' });
    await db.driver.insert(meta(), [empty, full]);
    const emptyId = String(empty[meta().id.column]);
    const read = (await RotPatient.findById(emptyId))!;
    assert.deepEqual([read.cpf, read.rg, read.history, read.notes], ['', null, null, null]);
    assert.equal((await RotPatient.findById(String(full[meta().id.column])))?.cpf, cpf);

    const failures: RotationFailure[] = [];
    const report = await rotateKeys(db, { onFailure: (f) => failures.push(f) });
    assert.deepEqual(failures, []);
    assert.deepEqual([report.scanned, report.rewritten, report.failed], [2, 1, 0], 'only the row with values is rewritten');
    const stored = (await raw()).find((r) => String(r[meta().id.column]) === emptyId)!;
    for (const property of ENCRYPTED) assert.equal(stored[col(property)], '', `${property} is left as it is`);
    const after = (await raw()).find((r) => String(r[meta().id.column]) !== emptyId)!;
    assert.equal(keyOf(after, 'cpf'), 'kA');
    assert.equal(after[col('rg')], '', 'an empty value beside real ones is left as it is too');
    assert.equal((await RotPatient.findOne({ cpf }))?.name, 'Full');
    const again = await rotateKeys(db);
    assert.deepEqual([again.rewritten, again.failed], [0, 0]);
  });

  it('from key A to key B: searches work during the rotation, and after it without key A', async () => {
    const patients = await seed(5);
    await patients[4]!.delete();
    bActiveAKnown();
    const fresh = await RotPatient.create({ name: 'new', cpf: validCPF(150) });
    assert.equal((await RotPatient.findOne({ cpf: validCPF(101) }))?.id, patients[1]!.id, 'rows under the old key are found (blind index under every key)');
    assert.equal(await RotPatient.count({ cpf: { $in: [validCPF(100), validCPF(150)] } }), 2);
    assert.equal(await RotPatient.count({ cpf: { $ne: validCPF(100) } }), 4);

    const progress: number[] = [];
    const report = await rotateKeys(db, { batchSize: 2, onProgress: (p) => progress.push(p.scanned) });
    assert.deepEqual([report.scanned, report.rewritten, report.failed, report.skipped], [6, 5, 0, 0]);
    assert.deepEqual(progress, [2, 4, 6, 6]);

    onlyB();
    for (const row of await raw()) {
      for (const property of ENCRYPTED) if (row[col(property)] != null) assert.equal(keyOf(row, property), 'kB');
    }
    const all = await RotPatient.query().withDeleted().orderBy('name').execute();
    assert.deepEqual(all.map((p) => p.name), ['P0', 'P1', 'P2', 'P3', 'P4', 'new']);
    for (let i = 0; i < 5; i++) {
      const found = await RotPatient.findOne({ cpf: formatCPF(validCPF(100 + i)) }, { withDeleted: true });
      assert.equal(found?.id, patients[i]!.id);
      assert.equal(found?.notes, `nota ${i}`);
    }
    assert.equal((await RotPatient.findOne({ cpf: validCPF(150) }))?.id, fresh.id);
    assert.equal((await rotateKeys(db)).rewritten, 0, 'a second run rewrites nothing');
  });

  it('a dry run writes nothing', async () => {
    await seed(3);
    bActiveAKnown();
    const before = await raw();
    const report = await rotateKeys(db, { dryRun: true });
    assert.deepEqual([report.dryRun, report.scanned, report.rewritten, report.failed], [true, 3, 3, 0]);
    assert.deepEqual(await raw(), before);
  });

  it('a value that cannot be decrypted is reported by model, field and id and counted as failed; the run goes on', async () => {
    const patients = await seed(3);
    const victim = patients[1]!;
    const other = await db.driver.findById(meta(), patients[0]!.id, undefined);
    await db.driver.updateById(meta(), victim.id, { [col('cpf')]: other![col('cpf')] });
    bActiveAKnown();
    const failures: RotationFailure[] = [];
    const report = await rotateKeys(db, { onFailure: (f) => failures.push(f) });
    assert.deepEqual([report.scanned, report.rewritten, report.failed], [3, 3, 1]);
    assert.deepEqual(failures.map((f) => [f.model, f.field, f.id]), [['RotPatient', 'cpf', victim.id]]);
    assert.ok(failures[0]!.reason.includes(victim.id) && !failures[0]!.reason.includes(validCPF(100)));
    assert.deepEqual(report.failures, failures);
    const row = (await db.driver.findById(meta(), victim.id, undefined))!;
    assert.equal(keyOf(row, 'cpf'), 'kA', 'the bad value is left as it was');
    assert.equal(keyOf(row, 'rg'), 'kB', 'the other values of the row are rotated');
    const rerun = await rotateKeys(db);
    assert.deepEqual([rerun.rewritten, rerun.failed], [0, 1]);
  });

  it('maxFailures stops the run after the row where the count is reached; without it every row is scanned', async () => {
    await seed(5);
    onlyB(); // every value is under kA, which is no longer known: each row fails
    const stopped = await rotateKeys(db, { batchSize: 2, maxFailures: 6 });
    assert.equal(stopped.stoppedEarly, true);
    assert.deepEqual([stopped.scanned, stopped.failed, stopped.rewritten], [2, 2, 0], 'two rows of four encrypted values each');
    assert.equal(stopped.failures.length, 8);
    assert.ok(stopped.failures.every((f) => /unknown key id 'kA'/.test(f.reason)));
    const full = await rotateKeys(db, { batchSize: 2 });
    assert.deepEqual([full.stoppedEarly, full.scanned, full.failed], [false, 5, 5]);
    await assert.rejects(rotateKeys(db, { maxFailures: 0 }), /maxFailures must be an integer >= 1/);
  });

  it('an interrupted run leaves every row old or new, and a rerun finishes the job', async () => {
    await seed(5);
    bActiveAKnown();
    const driver = db.driver as unknown as { updateMany: (...args: unknown[]) => Promise<number> };
    const original = driver.updateMany;
    let writes = 0;
    driver.updateMany = function (this: unknown, ...args: unknown[]) {
      if (++writes > 2) return Promise.reject(new Error('killed'));
      return original.apply(this, args);
    };
    try {
      await assert.rejects(rotateKeys(db, { batchSize: 2 }), /killed/);
    } finally {
      driver.updateMany = original;
    }
    const states = (await raw()).map((row) => new Set(['cpf', 'rg', 'history', 'notes'].map((p) => keyOf(row, p))));
    assert.ok(states.every((s) => s.size === 1), 'no row is half rotated');
    assert.equal(states.filter((s) => s.has('kB')).length, 2);
    const rerun = await rotateKeys(db, { batchSize: 2 });
    assert.deepEqual([rerun.scanned, rerun.rewritten, rerun.failed], [5, 3, 0]);
    assert.equal((await rotateKeys(db)).rewritten, 0);
  });

  it('--model limits the run; an unknown model is a ConfigError listing the models', async () => {
    await seed(1);
    bActiveAKnown();
    await assert.rejects(rotateKeys(db, { model: 'Nope' }), (e: Error) => e instanceof ConfigError && /RotPatient/.test(e.message));
    assert.equal((await rotateKeys(db, { model: 'rot_patients', dryRun: true })).rewritten, 1);
  });

  it('the essencia binary: --help, keys generate, bad arguments, keys rotate with a JS config module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'essencia-cli-'));
    const main = join(build(), 'lib', 'cli', 'main.js');
    // The CLI runs in another process: an embedded backend needs a database on disk that both can open.
    const url = ctx.backend.onDisk?.(dir) ?? ctx.backend.url!;
    const env: NodeJS.ProcessEnv = { ...process.env, ESSENCIA_ENCRYPTION_KEY: `kB:${KEY_B.toString('base64')}`, ESSENCIA_ENCRYPTION_KEYS: `kA:${KEY_A.toString('base64')}`, ROT_CLI_URL: url };
    delete env.ESSENCIA_LEGACY_KEY;
    const open = async (): Promise<Database> => {
      const cliDb = DatabaseFactory.createDatabase({ name: 'rot_cli', url });
      await cliDb.connect();
      return cliDb;
    };
    try {
      const help = await runNode([main, '--help'], env, dir);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /keys rotate --database NAME/);

      const generated = await runNode([main, 'keys', 'generate'], env, dir);
      assert.equal(generated.code, 0, generated.stderr);
      const key = generated.stdout.split('\n')[0]!;
      assert.equal(Buffer.from(key, 'base64').length, 32);
      assert.ok(generated.stdout.includes(`ESSENCIA_ENCRYPTION_KEY=${key}`));

      for (const args of [['keys', 'frobnicate'], ['keys', 'rotate'], ['keys', 'rotate', '--database', 'x', '--batch-size', 'zero'], ['keys', 'rotate', '--nope']]) {
        const bad = await runNode([main, ...args], env, dir);
        assert.equal(bad.code, 2, args.join(' '));
        assert.match(bad.stderr, /Usage: essencia/);
      }

      onlyA();
      let cliDb = await open();
      await cliDb.sync();
      await reset(cliDb, CliPatient);
      const created: CliPatient[] = [];
      for (let i = 0; i < 3; i++) created.push(await CliPatient.create({ name: `C${i}`, cpf: validCPF(300 + i) }));
      await DatabaseFactory.removeDatabase('rot_cli');

      const config = join(dir, 'essencia.config.js');
      writeFileSync(
        config,
        [
          `const { DatabaseFactory, BaseModel, Model, Field, EncryptedCPF } = require(${JSON.stringify(join(build(), 'lib', 'index.js'))});`,
          'class CliPatient extends BaseModel {}',
          "Field({ type: 'string' })(CliPatient.prototype, 'name');",
          "EncryptedCPF()(CliPatient.prototype, 'cpf');",
          "Model({ database: 'rot_cli', collection: 'rot_cli_patients' })(CliPatient);",
          "DatabaseFactory.createDatabase({ name: 'rot_cli', url: process.env.ROT_CLI_URL });",
          '',
        ].join('\n'),
      );
      const rotate = (...extra: string[]) => runNode([main, 'keys', 'rotate', '--database', 'rot_cli', '--batch-size', '2', ...extra], env, dir);

      const dry = await rotate('--dry-run', '--config', 'essencia.config.js');
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /3 would rewrite/);
      assert.match(dry.stdout, /Dry run: nothing was written/);

      const run = await rotate();
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /CliPatient \(rot_cli_patients; cpf\): 3 scanned, 3 rewritten, 0 failed/);
      assert.match(run.stderr, /CliPatient: 3\/3 scanned, 3 rewritten, 0 failed \(done\)/, 'plain progress lines when stderr is not a TTY');

      const second = await rotate();
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /Nothing to rotate/);

      onlyB();
      cliDb = await open();
      const rows = await cliDb.driver.find(modelMeta(CliPatient), {});
      assert.ok(rows.every((r) => String(r[col('cpf', CliPatient)]).startsWith('v1:kB:')));
      for (const [i, p] of created.entries()) assert.equal((await CliPatient.findOne({ cpf: validCPF(300 + i) }))?.id, p.id);
      // Not an envelope, so taken for a legacy value, which does not decrypt either: the run must report it.
      await cliDb.driver.updateById(modelMeta(CliPatient), created[0]!.id, { [col('cpf', CliPatient)]: Buffer.alloc(40, 7).toString('base64') });
      await DatabaseFactory.removeDatabase('rot_cli');

      const failing = await rotate();
      assert.equal(failing.code, 1);
      assert.ok(failing.stderr.includes(created[0]!.id) && /failed: CliPatient\.cpf/.test(failing.stderr), failing.stderr);
      assert.match(failing.stdout, /1 failed/);
      assert.ok(failing.stderr.startsWith(`Config module: ${config}\n`), 'says which config module it loaded');

      // A key ring that lacks kB: the two rows under kB fail alike (one group), the damaged one apart.
      const lostKey = { ...env, ESSENCIA_ENCRYPTION_KEY: `kC:${randomBytes(32).toString('base64')}`, ESSENCIA_ENCRYPTION_KEYS: '' };
      const grouped = await runNode([main, 'keys', 'rotate', '-d', 'rot_cli'], lostKey, dir);
      assert.equal(grouped.code, 1);
      assert.equal(grouped.stderr.match(/unknown key id 'kB'/g)?.length, 1, `the first of a cause only:\n${grouped.stderr}`);
      assert.match(grouped.stdout, /Failures by cause:\n  2 × CliPatient\.cpf: cannot decrypt: unknown key id 'kB'.*\(ids .+, .+\)\n  1 × CliPatient\.cpf: /);
      const capped = await runNode([main, 'keys', 'rotate', '-d', 'rot_cli', '--batch-size', '1', '--max-failures', '1'], lostKey, dir);
      assert.equal(capped.code, 1);
      assert.match(capped.stdout, /Total: 1 scanned, 0 rewritten, 1 failed/);
      assert.match(capped.stdout, /Stopped early at --max-failures/);
    } finally {
      if (DatabaseFactory.hasDatabase('rot_cli')) {
        await reset(DatabaseFactory.getDatabase('rot_cli'), CliPatient);
        await DatabaseFactory.removeDatabase('rot_cli');
      }
      onlyA();
      rmSync(dir, { recursive: true, force: true });
    }
  });
};
