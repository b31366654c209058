import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { inspect } from 'node:util';
import { ConnectionError, EssenciaError, UniqueConstraintError, ValidationError, type FieldErrors } from '../../lib';
import { MESSAGE_FIELD_LIMIT } from '../../lib/errors';

describe('EssenciaError', () => {
  it('keeps the driver error as a cause that code can read but JSON.stringify leaves out', () => {
    const cause = Object.assign(new Error('duplicate key'), { detail: 'Key (email)=(ana@example.com) already exists.' });
    const error = new UniqueConstraintError('Person', ['email'], { cause });
    assert.equal(error.cause, cause);
    assert.ok(!Object.keys(error).includes('cause'));
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    assert.deepEqual(json, { name: 'UniqueConstraintError', code: 'UNIQUE_CONSTRAINT', message: 'Person: duplicate value for email', fields: ['email'], model: 'Person' });
    assert.match(inspect(error), /\[cause\]/, 'inspect still shows the cause, for debugging');
  });

  it('an error without a cause has no cause property', () => {
    const error = new EssenciaError('plain');
    assert.ok(!('cause' in error));
    assert.deepEqual(JSON.parse(JSON.stringify(new ConnectionError('down'))), { name: 'ConnectionError', code: 'CONNECTION', message: 'down' });
  });
});

describe('ValidationError message', () => {
  const many = (n: number): FieldErrors => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${i}.email`, ['email must be an email']]));

  it(`lists up to ${MESSAGE_FIELD_LIMIT} fields in full`, () => {
    const error = new ValidationError('Person', many(MESSAGE_FIELD_LIMIT));
    assert.equal(error.message.split(' | ').length, MESSAGE_FIELD_LIMIT);
    assert.doesNotMatch(error.message, /more/);
  });

  it('names the first ten fields, then says how many more; .errors keeps them all', () => {
    const error = new ValidationError('Person', many(3000));
    assert.equal(Object.keys(error.errors).length, 3000);
    assert.ok(error.message.length < 400, `${error.message.length} characters`);
    assert.match(error.message, /^Person: validation failed \(0\.email: email must be an email \| .* \| 9\.email: email must be an email \| and 2990 more\)$/);
    assert.equal(JSON.parse(JSON.stringify(error)).errors['2999.email'][0], 'email must be an email');
  });
});
