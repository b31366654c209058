import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, it } from '@jest/globals';
import {
  ConfigError, configureEncryption, DatabaseFactory, EncryptionError, QueryError, resetEncryption, UniqueConstraintError,
  ValidationError, type Database,
} from '../../../lib';
import type { StoredRow } from '../../../lib/drivers/driver';
import { modelMeta } from '../../../lib/metadata/model-meta';
import { reset, type Suite } from '../../support/conformance';
import { formatCPF, Keyless, maskedCPF, NoKeyRecord, Patient, PlainPatient, validCPF } from '../../support/encryption-models';

const KEY = randomBytes(32);
const useTestKey = (): void => configureEncryption({ keys: [{ id: 'test1', key: KEY }] });
const ENV = ['ESSENCIA_ENCRYPTION_KEY', 'ESSENCIA_ENCRYPTION_KEYS', 'ESSENCIA_LEGACY_KEY'] as const;

const CPF_A = validCPF(1);
const CPF_B = validCPF(2);
const CPF_C = validCPF(3);
const RG = '12345678X';
const HISTORY = { allergies: ['penicilina'], conditions: ['diabetes tipo 2'], pressure: '120/80' };
const NOTES = 'paciente relata ansiedade';
const SECRETS = [CPF_A, CPF_B, CPF_C, RG, 'penicilina', 'diabetes', '120/80', 'ansiedade'];

const column = (model: Function, property: string): string => modelMeta(model).byProperty.get(property)!.column;
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));

/** Every stored value of a row, as text, so that no plaintext can hide in any column or key. */
function assertNoSecrets(row: StoredRow, secrets: readonly string[]): void {
  for (const [key, value] of Object.entries(row)) {
    for (const secret of secrets) {
      assert.ok(!text(value).includes(secret), `column '${key}' holds plaintext`);
      assert.ok(!key.includes(secret));
    }
  }
}

/** The envelope with one byte of its ciphertext flipped. */
function tamper(stored: string): string {
  const [version, keyId, body] = stored.split(':');
  const bytes = Buffer.from(body!, 'base64');
  bytes[14] = bytes[14]! ^ 0x01;
  return `${version}:${keyId}:${bytes.toString('base64')}`;
}

const digitsFree = (message: string, ...values: string[]): boolean => values.every((v) => !message.includes(v));

export const encryptionSuite: Suite = (ctx) => {
  let db: Database;
  const raw = async (model: Function): Promise<StoredRow[]> => db.driver.find(modelMeta(model), {});
  const rawById = async (model: Function, id: string): Promise<StoredRow> => (await db.driver.findById(modelMeta(model), id, undefined))!;
  const patient = (cpf: string, extra: Partial<Patient> = {}) =>
    Patient.create({ name: 'Maria', email: 'maria@example.com', cpf, rg: RG, history: HISTORY, notes: NOTES, ...extra });

  beforeAll(async () => {
    useTestKey();
    db = DatabaseFactory.createDatabase({ name: 'enc', url: ctx.backend.url!, options: { connectTimeoutMs: 10_000 } });
    await db.connect();
    await db.sync();
  });
  afterAll(async () => {
    await DatabaseFactory.removeDatabase('enc');
    resetEncryption();
  });
  beforeEach(async () => {
    useTestKey();
    await reset(db, Patient, PlainPatient, Keyless);
  });

  it('stores no plaintext: no stored value of any row contains a CPF, the RG or the medical text', async () => {
    await patient(formatCPF(CPF_A));
    await patient(CPF_B, { email: 'b@example.com' });
    await patient(CPF_C, { email: 'c@example.com', rg: null, history: null, notes: null });
    const rows = await raw(Patient);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assertNoSecrets(row, SECRETS);
      assert.match(String(row[column(Patient, 'cpf')]), /^v1:test1:[A-Za-z0-9+/]+=*$/);
      assert.match(String(row[column(Patient, 'cpfBidx')]), /^[A-Za-z0-9_-]{43}$/);
    }
    const c = rows.find((r) => r[column(Patient, 'rg')] == null)!;
    assert.equal(c[column(Patient, 'history')] ?? null, null, 'null is stored as null, not encrypted');
  });

  it('insertMany encrypts every row (no plaintext stored), binds each ciphertext to its row, and finds each by its CPF', async () => {
    const items = [CPF_A, formatCPF(CPF_B), CPF_C].map((cpf, i) => ({ name: `P${i}`, email: `p${i}@example.com`, cpf, rg: RG, history: HISTORY, notes: NOTES }));
    const saved = await Patient.insertMany([...items, { ...items[0]!, cpf: validCPF(4), email: 'none@example.com', rg: null, history: null, notes: null }]);
    const rows = await raw(Patient);
    assert.equal(rows.length, 4);
    for (const row of rows) assertNoSecrets(row, SECRETS);
    for (const [i, cpf] of [CPF_A, CPF_B, CPF_C].entries()) {
      const found = (await Patient.findOne({ cpf }))!;
      assert.equal(found.id, saved[i]!.id);
      assert.equal(found.cpf, cpf);
      assert.equal(found.rg, RG);
      assert.deepEqual(found.history, HISTORY);
      assert.equal(found.notes, NOTES);
    }
    const empty = (await Patient.findById(saved[3]!.id))!;
    assert.equal(empty.history ?? null, null);
    assert.equal(empty.notes ?? null, null);
    const rawEmpty = await rawById(Patient, saved[3]!.id);
    assert.equal(rawEmpty[column(Patient, 'history')] ?? null, null, 'null is stored as null, not encrypted');
  });

  it('two saves of the same CPF give different ciphertexts and the same blind index', async () => {
    const first = await patient(CPF_A);
    const before1 = await rawById(Patient, first.id);
    first.cpf = formatCPF(CPF_A);
    await first.save();
    const before2 = await rawById(Patient, first.id);
    await first.delete();
    const second = await patient(CPF_A);
    const after = await rawById(Patient, second.id);
    const [cpf, bidx] = [column(Patient, 'cpf'), column(Patient, 'cpfBidx')];
    assert.notEqual(before1[cpf], before2[cpf]);
    assert.notEqual(before2[cpf], after[cpf]);
    assert.equal(before1[bidx], before2[bidx]);
    assert.equal(before1[bidx], after[bidx]);
  });

  it('finds a row by the formatted and by the unformatted CPF', async () => {
    const p = await patient(CPF_A);
    await patient(CPF_B, { email: 'b@example.com' });
    assert.equal((await Patient.findOne({ cpf: formatCPF(CPF_A) }))?.id, p.id);
    assert.equal((await Patient.findOne({ cpf: CPF_A }))?.id, p.id);
    assert.equal(await Patient.count({ cpf: CPF_A }), 1);
    assert.equal(await Patient.findOne({ cpf: CPF_C }), null);
    assert.equal((await Patient.findOne({ rg: '12.345.678-x', cpf: CPF_A }))?.id, p.id);
  });

  it('$in, $nin and $ne work on the CPF', async () => {
    const a = await patient(CPF_A);
    const b = await patient(CPF_B, { email: 'b@example.com' });
    const c = await patient(CPF_C, { email: 'c@example.com' });
    const ids = (rows: Patient[]) => rows.map((r) => r.id).sort();
    assert.deepEqual(ids(await Patient.findMany({ cpf: { $in: [formatCPF(CPF_A), CPF_B] } })), [a.id, b.id].sort());
    assert.deepEqual(ids(await Patient.findMany({ cpf: { $ne: formatCPF(CPF_A) } })), [b.id, c.id].sort());
    assert.deepEqual(ids(await Patient.findMany({ cpf: { $nin: [CPF_A, CPF_B] } })), [c.id]);
    assert.deepEqual(ids(await Patient.findMany({ cpf: { $in: [] } })), []);
  });

  it('@Unique on the CPF: UniqueConstraintError naming the field, without digits', async () => {
    await patient(CPF_A);
    const error = await patient(formatCPF(CPF_A), { email: 'other@example.com' }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof UniqueConstraintError, String(error));
    assert.deepEqual(error.fields, ['cpf']);
    assert.doesNotMatch(error.message, /\d/);
    assert.equal(await Patient.count(), 1);
  });

  it('$gt, $like, $regex, dotted paths and orderBy on the CPF are QueryErrors that do not echo the value', async () => {
    const bad: unknown[] = [
      { cpf: { $gt: CPF_A } }, { cpf: { $gte: CPF_A } }, { cpf: { $lt: CPF_A } }, { cpf: { $like: `${CPF_A.slice(0, 3)}%` } },
      { cpf: { $ilike: CPF_A } }, { cpf: { $regex: `^${CPF_A}` } }, { cpf: new RegExp(CPF_A) }, { cpf__gt: CPF_A },
      { 'cpf.x': CPF_A }, { cpfBidx: CPF_A }, { history: { $eq: 'penicilina' } },
    ];
    for (const filter of bad) {
      await assert.rejects(Patient.findMany(filter as never), (e: Error) => e instanceof QueryError && digitsFree(e.message, CPF_A, 'penicilina'));
    }
    assert.throws(() => Patient.query().orderBy('cpf'), QueryError);
    await assert.rejects(Patient.findMany({}, { orderBy: { cpf: 'asc' } as never }), QueryError);
  });

  it('a tampered ciphertext fails to decrypt: EncryptionError naming model, field and id, no plaintext', async () => {
    const p = await patient(CPF_A);
    const stored = String((await rawById(Patient, p.id))[column(Patient, 'cpf')]);
    await db.driver.updateById(modelMeta(Patient), p.id, { [column(Patient, 'cpf')]: tamper(stored) });
    const error = await Patient.findById(p.id).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof EncryptionError, String(error));
    assert.match(error.message, /Patient/);
    assert.match(error.message, /cpf/);
    assert.ok(error.message.includes(p.id));
    assert.ok(digitsFree(error.message, CPF_A, stored), 'no plaintext and no ciphertext in the message');
    await assert.rejects(Patient.findOne({ cpf: CPF_A }), EncryptionError);
  });

  it('a ciphertext copied to another row (same field) fails to decrypt', async () => {
    const a = await patient(CPF_A);
    const b = await patient(CPF_B, { email: 'b@example.com' });
    const meta = modelMeta(Patient);
    const fromA = await rawById(Patient, a.id);
    await db.driver.updateById(meta, b.id, { [column(Patient, 'cpf')]: fromA[column(Patient, 'cpf')] });
    await assert.rejects(Patient.findById(b.id), (e: Error) => e instanceof EncryptionError && e.message.includes(b.id) && digitsFree(e.message, CPF_A, CPF_B));
    await db.driver.updateById(meta, a.id, { [column(Patient, 'notes')]: fromA[column(Patient, 'rg')] });
    await assert.rejects(Patient.findById(a.id), (e: Error) => e instanceof EncryptionError && /notes/.test(e.message));
  });

  it('a value read under a wrong key is an EncryptionError', async () => {
    const p = await patient(CPF_A);
    try {
      configureEncryption({ keys: [{ id: 'test1', key: randomBytes(32) }] });
      await assert.rejects(Patient.findById(p.id), (e: Error) => e instanceof EncryptionError && e.message.includes(p.id) && digitsFree(e.message, CPF_A));
      configureEncryption({ keys: [{ id: 'other', key: randomBytes(32) }] });
      await assert.rejects(Patient.findById(p.id), (e: Error) => e instanceof EncryptionError && /unknown key id 'test1'/.test(e.message));
    } finally {
      useTestKey();
    }
    assert.equal((await Patient.findById(p.id))?.cpf, CPF_A);
  });

  it('without a key: ConfigError at connect() and at first use, and nothing is stored', async () => {
    const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
    try {
      for (const name of ENV) delete process.env[name];
      resetEncryption();
      await assert.rejects(Keyless.create({ label: 'no key', cpf: CPF_A }), ConfigError);
      await assert.rejects(Keyless.insertMany([{ label: 'no key', cpf: CPF_B }]), ConfigError);
      await assert.rejects(Patient.findOne({ cpf: CPF_A }), ConfigError);
      const noKey = DatabaseFactory.createDatabase({ name: 'enc_nokey', url: ctx.backend.url! });
      try {
        await assert.rejects(noKey.connect(), (e: Error) => e instanceof ConfigError && /ESSENCIA_ENCRYPTION_KEY/.test(e.message));
        await assert.rejects(NoKeyRecord.create({ notes: NOTES }), ConfigError);
      } finally {
        await DatabaseFactory.removeDatabase('enc_nokey');
      }
    } finally {
      for (const name of ENV) if (saved[name] !== undefined) process.env[name] = saved[name];
      useTestKey();
    }
    assert.equal((await raw(Keyless)).length, 0);
  });

  it('toJSON() masks (CPF ***.***.*89-09 style, medical data "[encrypted]"); the instance holds the plaintext', async () => {
    const p = await patient(formatCPF(CPF_A));
    assert.equal(p.cpf, CPF_A, 'digits only, in clear, on the instance');
    const loaded = (await Patient.findById(p.id))!;
    assert.equal(loaded.cpf, CPF_A);
    assert.equal(loaded.rg, RG);
    assert.deepEqual(loaded.history, HISTORY);
    assert.equal(loaded.notes, NOTES);
    const json = loaded.toJSON();
    assert.equal(json.cpf, maskedCPF(CPF_A));
    assert.match(String(json.cpf), /^\*\*\*\.\*\*\*\.\*\d{2}-\d{2}$/);
    assert.equal(json.rg, '*****678-X');
    assert.equal(json.history, '[encrypted]');
    assert.equal(json.notes, '[encrypted]');
    assert.equal(json.name, 'Maria');
    assertNoSecrets({ json: JSON.stringify(loaded) }, SECRETS);
    const plain = await PlainPatient.create({ name: 'Ana', cpf: formatCPF(CPF_B) });
    assert.equal(plain.toJSON().cpf, CPF_B);
    assert.equal((await PlainPatient.findById(plain.id))!.toJSON().cpf, CPF_B);
    assertNoSecrets((await raw(PlainPatient))[0]!, [CPF_B]);
  });

  it('an invalid CPF is a ValidationError that does not echo the value; nothing is stored', async () => {
    const invalid = `${CPF_A.slice(0, 9)}${CPF_A.endsWith('00') ? '01' : '00'}`;
    const error = await patient(formatCPF(invalid)).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.ok(error.errors.cpf?.length);
    const everything = `${error.message} ${JSON.stringify(error.errors)}`;
    assert.ok(digitsFree(everything, invalid, formatCPF(invalid)));
    assert.equal((await raw(Patient)).length, 0);
  });

  it('updateMany setting an encrypted field is a QueryError; nothing changes', async () => {
    const p = await patient(CPF_A);
    const before = await rawById(Patient, p.id);
    await assert.rejects(Patient.updateMany({ name: 'Maria' }, { cpf: CPF_B }), (e: Error) => e instanceof QueryError && digitsFree(e.message, CPF_B));
    await assert.rejects(Patient.updateMany({ name: 'Maria' }, { history: { x: 1 } }), QueryError);
    assert.deepEqual(await rawById(Patient, p.id), before);
  });
};
