import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Console } from 'node:console';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, it } from '@jest/globals';
import { format, inspect } from 'node:util';
import { classToPlain, instanceToPlain, plainToInstance } from 'class-transformer';
import {
  ConfigError, configureEncryption, DatabaseFactory, EssenciaError, resetEncryption, UniqueConstraintError, ValidationError,
  type Database,
} from '../../../lib';
import { reset, type Suite } from '../../support/conformance';
import { formatCPF, maskedCPF, validCPF } from '../../support/encryption-models';
import { ExposedPatient, MaskPatient, UnsyncedPatient } from '../../support/masking-models';

const CPF = validCPF(41);
const OTHER_CPF = validCPF(42);
const HISTORY = { allergies: ['penicilina'], conditions: ['diabetes tipo 2'] };
const NOTES = 'paciente relata ansiedade';
/** Every piece of plaintext that must not show anywhere but in the instance's own properties. */
const SECRETS = [CPF, formatCPF(CPF), OTHER_CPF, 'penicilina', 'diabetes', 'ansiedade'];

function assertNoSecrets(text: string, route: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${route} shows plaintext: ${text}`);
}

/** What `console.log` writes, through a real Console. */
function consoleLog(...values: unknown[]): string {
  const out = new PassThrough();
  let written = '';
  out.on('data', (chunk: Buffer) => (written += chunk.toString()));
  new Console({ stdout: out, stderr: out, colorMode: false }).log(...values);
  return written;
}

/** Every way a logger or framework turns an error into text. */
function errorTexts(error: unknown): Record<string, string> {
  return {
    message: (error as Error).message,
    'String()': String(error),
    'JSON.stringify': JSON.stringify(error),
    'inspect (all depths, hidden properties)': inspect(error, { depth: Infinity, showHidden: true }),
    'console.log': consoleLog(error),
  };
}

function assertErrorHidesSecrets(error: unknown): void {
  assert.ok(error instanceof EssenciaError, String(error));
  for (const [route, text] of Object.entries(errorTexts(error))) assertNoSecrets(text, `an error's ${route}`);
  assert.ok(!Object.keys(error).includes('cause'), 'cause is not enumerable');
  assert.equal(JSON.parse(JSON.stringify(error)).message, error.message);
}

export const noPlaintextSuite: Suite = (ctx) => {
  let db: Database;

  beforeAll(async () => {
    configureEncryption({ keys: [{ id: 'mask1', key: randomBytes(32) }] });
    db = DatabaseFactory.createDatabase({ name: 'mask', url: ctx.backend.url!, options: { connectTimeoutMs: 10_000 } });
    await db.connect();
    await db.sync();
  });
  afterAll(async () => {
    await DatabaseFactory.removeDatabase('mask');
    resetEncryption();
  });
  beforeEach(() => reset(db, MaskPatient, ExposedPatient));

  const loaded = async (): Promise<MaskPatient> => {
    const p = await MaskPatient.create({ name: 'Maria', email: 'maria@example.com', cpf: formatCPF(CPF), history: HISTORY, notes: NOTES, internalCode: 'X1' });
    return (await MaskPatient.findById(p.id))!;
  };

  it('JSON.stringify and class-transformer (instanceToPlain, classToPlain, groups) mask; @Exclude still applies', async () => {
    const p = await loaded();
    assert.equal(p.cpf, CPF, 'in code the value stays plaintext');
    assert.deepEqual(p.history, HISTORY);
    for (const [route, plain] of [
      ['JSON.stringify', JSON.parse(JSON.stringify(p))],
      ['instanceToPlain', instanceToPlain(p)],
      ['classToPlain', classToPlain(p)],
      ['instanceToPlain with groups', instanceToPlain(p, { groups: ['admin'] })],
      ['instanceToPlain of an array', (instanceToPlain([p]) as unknown[])[0]],
      ['instanceToPlain of a wrapper object', (instanceToPlain({ data: { patient: p } }) as { data: { patient: unknown } }).data.patient],
    ] as const) {
      const o = plain as Record<string, unknown>;
      assert.equal(o.cpf, maskedCPF(CPF), route);
      assert.equal(o.history, '[encrypted]', route);
      assert.equal(o.notes, '[encrypted]', route);
      assert.equal(o.name, 'Maria', route);
      assert.equal(o.internalCode, undefined, `${route}: @Exclude() still applies`);
      assertNoSecrets(JSON.stringify(plain), route);
    }
  });

  it("excludeExtraneousValues (NestJS's ClassSerializerInterceptor) and @Expose({ name }) mask too", async () => {
    const created = await ExposedPatient.create({ name: 'Ana', cpf: CPF, history: HISTORY, unexposed: 'u' });
    const p = (await ExposedPatient.findById(created.id))!;
    assert.deepEqual(instanceToPlain(p, { excludeExtraneousValues: true }), { name: 'Ana', document: maskedCPF(CPF), history: '[encrypted]' });
    const plain = instanceToPlain(p) as Record<string, unknown>;
    assert.equal(plain.document, maskedCPF(CPF));
    assert.equal(plain.cpf, undefined);
    const json = JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
    assert.equal(json.document, maskedCPF(CPF), 'toJSON() masks a renamed field');
    assertNoSecrets(JSON.stringify(p), 'JSON.stringify of a renamed field');
  });

  it('util.inspect and console.log mask at any depth, with or without hidden properties', async () => {
    const p = await loaded();
    const deep = { a: { b: { c: { d: [p] } } } };
    const texts: Record<string, string> = {
      inspect: inspect(p),
      'inspect (depth: Infinity)': inspect(deep, { depth: Infinity }),
      'inspect (showHidden)': inspect(p, { showHidden: true, depth: Infinity }),
      'inspect (default depth, nested)': inspect(deep),
      'inspect (colors)': inspect([p], { colors: true }),
      '%o': format('%o', p),
      '%O': format('%O', deep),
      '%j': format('%j', p),
      'console.log': consoleLog(p, [p], deep),
    };
    for (const [route, text] of Object.entries(texts)) assertNoSecrets(text, route);
    assert.match(texts.inspect!, /^MaskPatient \{/);
    assert.ok(texts.inspect!.includes(maskedCPF(CPF)));
    assert.ok(texts.inspect!.includes("'[encrypted]'"));
    assert.ok(texts.inspect!.includes("'Maria'"));
    assert.ok(texts['inspect (depth: Infinity)']!.includes(maskedCPF(CPF)));
    assert.ok(texts['console.log']!.includes(maskedCPF(CPF)));
    assert.equal(p.cpf, CPF);
  });

  it('fromPlain and plainToInstance still take plaintext in, and the result saves', async () => {
    const fromPlain = MaskPatient.fromPlain({ name: 'Rui', email: 'rui@example.com', cpf: OTHER_CPF, history: HISTORY });
    assert.equal(fromPlain.cpf, OTHER_CPF);
    assert.deepEqual(fromPlain.history, HISTORY);
    await fromPlain.save();
    assert.equal((await MaskPatient.findOne({ cpf: OTHER_CPF }))?.id, fromPlain.id);
    const viaTransformer = plainToInstance(MaskPatient, { name: 'Rui', cpf: OTHER_CPF, notes: NOTES });
    assert.equal(viaTransformer.cpf, OTHER_CPF);
    assert.equal(viaTransformer.notes, NOTES);
  });

  it('a ValidationError shows masks, not values, even where a message asks for $value or the value itself', async () => {
    const invalid = `${CPF.slice(0, 9)}${CPF.endsWith('00') ? '01' : '00'}`;
    const error = await MaskPatient.create({ name: 'M', email: 'bad', cpf: formatCPF(invalid), history: HISTORY, notes: `${NOTES} ${'e insônia '.repeat(3)}` }).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.deepEqual(Object.keys(error.errors).sort(), ['cpf', 'email', 'notes']);
    assert.deepEqual(error.errors.cpf, [`cpf: ${maskedCPF(invalid)} is not a valid CPF`]);
    assert.deepEqual(error.errors.notes, ['notes too long: [encrypted]']);
    for (const [route, text] of Object.entries(errorTexts(error))) {
      assert.ok(!text.includes(invalid) && !text.includes(formatCPF(invalid)), `${route} shows the invalid CPF`);
    }
    assertErrorHidesSecrets(error);
    assert.equal(await MaskPatient.count(), 0);
  });

  it('insertMany: the ValidationError of many rows holds no plaintext', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ name: `P${i}`, email: 'bad', cpf: `${CPF.slice(0, 9)}00`, history: HISTORY, notes: NOTES.repeat(3) }));
    const error = await MaskPatient.insertMany(items).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assertErrorHidesSecrets(error);
    assert.ok(!JSON.stringify(error).includes(CPF.slice(0, 9)), 'the invalid CPFs do not show either');
  });

  it("a UniqueConstraintError on the CPF, and the driver's error kept as its cause, hold no plaintext", async () => {
    await loaded();
    const error = await MaskPatient.create({ name: 'Outra', email: 'o@example.com', cpf: CPF, history: HISTORY, notes: NOTES }).catch((e: unknown) => e);
    assert.ok(error instanceof UniqueConstraintError, String(error));
    assert.ok(error.cause, 'the driver error is kept');
    assertErrorHidesSecrets(error);
    assertNoSecrets(inspect(error.cause, { depth: Infinity, showHidden: true }), 'the driver error');
  });

  it('a write before sync(): SQL gives a ConfigError without plaintext; MongoDB creates the collection on the write', async () => {
    const unsynced = DatabaseFactory.createDatabase({ name: 'mask_unsynced', url: ctx.backend.url! });
    try {
      await unsynced.connect();
      const result = await UnsyncedPatient.create({ name: 'Maria', cpf: CPF, history: HISTORY }).catch((e: unknown) => e);
      if (unsynced.driver.capabilities.sqlTables) {
        assert.ok(result instanceof ConfigError, String(result));
        assert.match(result.message, /mask_never_synced/);
        assertErrorHidesSecrets(result);
        assertNoSecrets(inspect(result.cause, { depth: Infinity, showHidden: true }), "the driver's error");
      } else {
        assert.ok(result instanceof UnsyncedPatient, String(result));
        assert.equal(await UnsyncedPatient.count(), 1);
        await reset(unsynced, UnsyncedPatient);
      }
    } finally {
      await DatabaseFactory.removeDatabase('mask_unsynced');
    }
  });
};
