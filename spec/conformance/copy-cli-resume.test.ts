import 'reflect-metadata';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { missingBackend } from '../support/missing-backend';
import { configureEncryption, DatabaseFactory, resetEncryption, type Database } from '../../lib';
import { CheckpointStore, type Checkpoint } from '../../lib/copy/checkpoint-store';
import { modelMeta } from '../../lib/metadata/model-meta';
import { backend, type Backend } from '../support/backends';
import { reset } from '../support/conformance';
import { copyCPF, KillSourcePatient as MongoPatient, KillTargetPatient as PgPatient } from '../support/copy-models';

/**
 * The `essencia copy` binary, MongoDB → PostgreSQL: a copy killed with SIGKILL after its first checkpoints holds
 * exactly the rows of its checkpoint (batch and checkpoint commit together); `--resume` finishes it, `--verify`
 * checks it and names a changed row. The command runs without an encryption key: none is needed. Needs DATABASE_URL and MONGODB_URL (skipped loudly, or failing in CI).
 */

const postgres = backend('postgres');
const mongodb = backend('mongodb');
const missing = [postgres, mongodb].filter((b): b is Backend & { envVar: string } => !b.url);
const KEY = randomBytes(32);
const ROWS = 150;

function build(): string {
  const out = process.env.ESSENCIA_TEST_BUILD;
  if (!out) throw new Error('ESSENCIA_TEST_BUILD is not set: run the tests with npm test, which compiles lib for the CLI tests');
  return out;
}

interface Child {
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(): void;
}

function runCli(args: string[], cwd: string): Child {
  // No key: rows move as stored, ciphertext included.
  const env: NodeJS.ProcessEnv = { ...process.env, CP_SRC_URL: mongodb.url!, CP_DST_URL: postgres.url! };
  for (const name of ['ESSENCIA_ENCRYPTION_KEY', 'ESSENCIA_ENCRYPTION_KEYS', 'ESSENCIA_LEGACY_KEY']) delete env[name];
  const child = spawn(process.execPath, [join(build(), 'lib', 'cli', 'main.js'), 'copy', ...args], { env, cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { done, kill: () => child.kill('SIGKILL') };
}

const CONFIG = (lib: string): string =>
  [
    `const { DatabaseFactory, BaseModel, SoftDelete, Model, Field, EncryptedCPF } = require(${JSON.stringify(lib)});`,
    'class CopyPatient extends SoftDelete(BaseModel) {}',
    "Field({ type: 'string' })(CopyPatient.prototype, 'name');",
    "Field({ type: 'date', nullable: true })(CopyPatient.prototype, 'born');",
    "Field({ type: 'decimal', nullable: true })(CopyPatient.prototype, 'balance');",
    "Field({ type: 'json', nullable: true })(CopyPatient.prototype, 'profile');",
    "Field({ type: 'int', nullable: true })(CopyPatient.prototype, 'visits');",
    "EncryptedCPF()(CopyPatient.prototype, 'cpf');",
    "Model({ database: 'cp_kill_src', collection: 'cp_kill_patients' })(CopyPatient);",
    "DatabaseFactory.createDatabase({ name: 'cp_kill_src', url: process.env.CP_SRC_URL });",
    "DatabaseFactory.createDatabase({ name: 'cp_kill_pg', url: process.env.CP_DST_URL });",
    '',
  ].join('\n');

if (missing.length > 0) {
  missingBackend('essencia copy', missing.map((b) => b.envVar).join(' and '));
} else {
  describe('essencia copy (MongoDB → PostgreSQL)', () => {
    const dbs = {} as Record<'mongo' | 'pg', Database>;
    let dir: string;

    beforeAll(async () => {
      configureEncryption({ keys: [{ id: 'copy1', key: KEY }] });
      dbs.mongo = DatabaseFactory.createDatabase({ name: 'cp_kill_src', url: mongodb.url! });
      dbs.pg = DatabaseFactory.createDatabase({ name: 'cp_kill_pg', url: postgres.url! });
      for (const db of Object.values(dbs)) {
        await db.connect();
        await db.sync();
      }
      await reset(dbs.mongo, MongoPatient);
      await reset(dbs.pg, PgPatient);
      const store = new CheckpointStore(dbs.pg.driver, 'cp_kill_src');
      await store.prepare();
      await store.remove(modelMeta(MongoPatient));
      dir = mkdtempSync(join(tmpdir(), 'essencia-copy-'));
      writeFileSync(join(dir, 'essencia.config.js'), CONFIG(join(build(), 'lib', 'index.js')));
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      resetEncryption();
      rmSync(dir, { recursive: true, force: true });
    });

    it('killed midway, holds exactly its checkpoint; --resume finishes it; --verify names a changed row', async () => {
      await MongoPatient.insertMany(
        Array.from({ length: ROWS }, (_, i) => ({ name: `K${i}`, born: new Date(Date.UTC(1990, 0, 1 + i)), balance: `${i}.25`, profile: { i }, visits: i, cpf: copyCPF(1000 + i) })),
      );
      const meta = modelMeta(MongoPatient);
      const store = new CheckpointStore(dbs.pg.driver, 'cp_kill_src');

      const help = await runCli(['--help'], dir).done;
      assert.equal(help.code, 0);
      assert.match(help.stdout, /essencia copy --from A --to B/);
      assert.equal((await runCli(['--from', 'cp_kill_src'], dir).done).code, 2);

      const first = runCli(['--from', 'cp_kill_src', '--to', 'cp_kill_pg', '--batch-size', '1'], dir);
      let seen: Checkpoint | undefined;
      for (let i = 0; i < 1000 && !((seen?.copied ?? 0) >= 3); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen = await store.read(meta);
      }
      first.kill();
      const killed = await first.done;
      assert.equal(killed.signal, 'SIGKILL', killed.stderr);
      const checkpoint = (await store.read(meta))!;
      assert.equal(checkpoint.done, false);
      assert.ok(checkpoint.copied >= 3 && checkpoint.copied < ROWS, `killed after ${checkpoint.copied} rows`);
      assert.equal(await dbs.pg.driver.count(meta, undefined), checkpoint.copied, 'every batch commits with its checkpoint');

      const refused = await runCli(['--from', 'cp_kill_src', '--to', 'cp_kill_pg'], dir).done;
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /unfinished copy of CopyPatient.*--resume/);

      const resumed = await runCli(['--from', 'cp_kill_src', '--to', 'cp_kill_pg', '--resume', '--verify', '--batch-size', '40'], dir).done;
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, new RegExp(`CopyPatient \\(cp_kill_patients\\): ${ROWS} rows copied \\(resumed after ${checkpoint.copied}\\), verified \\(${ROWS} rows`));
      assert.match(resumed.stderr, /CopyPatient: \d+\/150 rows, \d+ rows\/s, ETA/);
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
      assert.deepEqual(ids(await PgPatient.findMany({})), ids(await MongoPatient.findMany({})));
      assert.equal((await PgPatient.findOne({ cpf: copyCPF(1007) }))?.name, 'K7');

      const victim = (await PgPatient.findOne({ name: 'K42' }))!;
      victim.balance = '999.99';
      await victim.save();
      const verify = await runCli(['--from', 'cp_kill_src', '--to', 'cp_kill_pg', '--verify'], dir).done;
      assert.equal(verify.code, 1, verify.stderr);
      assert.match(verify.stdout, new RegExp(`already copied, nothing written, MISMATCH: .*ids that differ: ${victim.id}$`, 'm'));
      assert.equal((await PgPatient.findById(victim.id))?.balance, '999.99', '--verify on a finished copy writes nothing');
    });
  });
}
