import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, ConnectionError, Field, Model, TransactionError, UniqueConstraintError, ValidationError } from '../../lib';
import { convertSqlError } from '../../lib/drivers/sql/sql-errors';
import { modelMeta } from '../../lib/metadata/model-meta';

@Model({ database: 'errors_db', collection: 'accounts', indexes: [{ fields: ['tenant', 'login'], unique: true, name: 'accounts_tenant_login' }] })
class Account extends BaseModel {
  @Field() tenant!: string;
  @Field({ name: 'login_name' }) login!: string;
}

const pg = (fields: Record<string, unknown>) => Object.assign(new Error('pg'), fields);

describe('PostgreSQL error mapping', () => {
  const meta = modelMeta(Account);

  it('23505 by constraint name: the fields of that index, no values', () => {
    const cause = pg({ code: '23505', constraint_name: 'accounts_tenant_login', detail: 'Key (tenant, login_name)=(a, secret) already exists.' });
    const e = convertSqlError(cause, meta);
    assert.ok(e instanceof UniqueConstraintError);
    assert.deepEqual(e.fields, ['tenant', 'login']);
    assert.equal(e.cause, cause);
    assert.doesNotMatch(e.message, /secret/);
  });

  it('23505 without a known constraint: the columns of the detail, mapped to properties', () => {
    const e = convertSqlError(pg({ code: '23505', detail: 'Key (login_name)=(x) already exists.' }), meta);
    assert.ok(e instanceof UniqueConstraintError);
    assert.deepEqual(e.fields, ['login']);
  });

  it('23502 is a ValidationError on the property', () => {
    const e = convertSqlError(pg({ code: '23502', column_name: 'login_name' }), meta);
    assert.ok(e instanceof ValidationError);
    assert.deepEqual(Object.keys(e.errors), ['login']);
  });

  it('connection failures, serialization failures, and anything else', () => {
    assert.ok(convertSqlError(pg({ code: 'ECONNREFUSED' }), meta) instanceof ConnectionError);
    assert.ok(convertSqlError(pg({ code: '08006' }), meta) instanceof ConnectionError);
    assert.ok(convertSqlError(pg({ code: '57P01' }), meta) instanceof ConnectionError);
    assert.ok(convertSqlError(pg({ code: '40P01' }), meta) instanceof TransactionError);
    const other = pg({ code: '42P01' });
    assert.equal(convertSqlError(other, meta), other);
  });
});
