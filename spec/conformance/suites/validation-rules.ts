import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, it } from '@jest/globals';
import { DatabaseFactory, ValidationError, type Database } from '../../../lib';
import { MESSAGE_FIELD_LIMIT } from '../../../lib/errors';
import { reset, type Suite } from '../../support/conformance';
import { Contact } from '../../support/masking-models';

export const validationRulesSuite: Suite = (ctx) => {
  let db: Database;

  beforeAll(async () => {
    db = DatabaseFactory.createDatabase({ name: 'rules', url: ctx.backend.url!, options: { connectTimeoutMs: 10_000 } });
    await db.connect();
    await db.sync();
  });
  afterAll(() => DatabaseFactory.removeDatabase('rules'));
  beforeEach(() => reset(db, Contact));

  it('a nullable field: its rules run only when it holds a value (no @IsOptional() needed)', async () => {
    const missing = await Contact.create({ name: 'Ana' });
    assert.equal((await Contact.findById(missing.id))?.email, null);
    const nulls = await Contact.create({ name: 'Bia', email: null, backupEmail: null });
    nulls.email = 'bia@example.com';
    await nulls.save();
    nulls.email = null;
    await nulls.save();
    assert.equal((await Contact.findById(nulls.id))?.email, null);
    assert.equal(await Contact.updateMany({ name: 'Bia' }, { email: null }), 1);
    await Contact.insertMany([{ name: 'Caio' }, { name: 'Duda', email: 'duda@example.com' }]);
    assert.equal(await Contact.count(), 4);
  });

  it('a nullable field holding a bad value is still refused, by every write path', async () => {
    const bad = await Contact.create({ name: 'Ana', email: 'not-an-email', backupEmail: `${'x'.repeat(40)}@example.com` }).catch((e: unknown) => e);
    assert.ok(bad instanceof ValidationError, String(bad));
    assert.deepEqual(Object.keys(bad.errors).sort(), ['backupEmail', 'email']);
    assert.equal(bad.errors.backupEmail?.length, 1, 'only the rule it breaks');
    const saved = await Contact.create({ name: 'Bia' });
    saved.email = 'broken';
    await assert.rejects(saved.save(), ValidationError);
    await assert.rejects(Contact.updateMany({ name: 'Bia' }, { email: 'broken' }), ValidationError);
    await assert.rejects(Contact.insertMany([{ name: 'Caio', email: 'nope' }]), ValidationError);
    assert.equal((await Contact.findById(saved.id))?.email, null);
    assert.equal(await Contact.count(), 1);
  });

  it('insertMany of 3,000 invalid rows: a short message (the first ten, then how many more); .errors keeps all', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ name: `Contact number ${i} with a long name`, email: `bad-${i}` }));
    const error = await Contact.insertMany(rows).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(Object.keys(error.errors).length, 6000, 'every field of every row');
    assert.ok(error.errors['2999.email']?.length);
    assert.ok(error.message.length < 1500, `message of ${error.message.length} characters`);
    assert.match(error.message, /^Contact: validation failed \(0\.name: .* \| and 5990 more\)$/);
    assert.equal(error.message.split(' | ').length, MESSAGE_FIELD_LIMIT + 1);
    assert.equal(await Contact.count(), 0, 'nothing written');
  });
};
