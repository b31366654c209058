import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, ConfigError, ConnectionError, Field, Model, QueryError, TransactionError, UniqueConstraintError, ValidationError } from '../../lib';
import { convertMongoError } from '../../lib/drivers/mongodb/mongo-errors';
import { connectionFailed } from '../../lib/drivers/postgres-dialect/pg-connection-error';
import { convertSqlError } from '../../lib/drivers/postgres-dialect/pg-errors';
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
    const other = pg({ code: '42883' });
    assert.equal(convertSqlError(other, meta), other);
  });

  it('aborts over a conflict are retryable TransactionErrors; a statement timeout is a QueryError', () => {
    for (const code of ['40001', '40P01', '55P03']) {
      const e = convertSqlError(pg({ code }), meta);
      assert.ok(e instanceof TransactionError && e.retryable, code);
    }
    assert.ok(convertSqlError(pg({ code: '57014' }), meta) instanceof QueryError);
    const notRetryable = new TransactionError('x');
    assert.equal(notRetryable.retryable, false);
  });

  it('values the server cannot store are ValidationErrors (NUL, out-of-range dates, oversized index entries)', () => {
    for (const code of ['22021', '22P05', '22009', '54000']) assert.ok(convertSqlError(pg({ code }), meta) instanceof ValidationError, code);
  });

  it('42P01 (no such table) is a ConfigError naming model, table and database, and saying to run db.sync()', () => {
    const cause = pg({ code: '42P01', message: 'relation "accounts" does not exist' });
    const e = convertSqlError(cause, meta);
    assert.ok(e instanceof ConfigError);
    assert.equal(e.code, 'SCHEMA_MISSING');
    assert.equal(e.message, "Account: the table 'accounts' does not exist: run `db.sync()` on database 'errors_db' (or your migrations) first");
    assert.equal(e.cause, cause);
    const bare = convertSqlError(pg({ code: '42P01', message: 'relation "persons" does not exist' }));
    assert.ok(bare instanceof ConfigError);
    assert.match(bare.message, /^the table 'persons' does not exist: run `db\.sync\(\)` \(or your migrations\) first$/);
  });

  it('42703 (no such column) is a ConfigError naming the column and saying to run db.sync()', () => {
    const e = convertSqlError(pg({ code: '42703', message: 'column "login_name" of relation "accounts" does not exist' }), meta);
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /^Account: the column 'login_name' of table 'accounts' does not exist \(the table is older than the model\): run `db\.sync\(\)`/);
  });

  it('3D000 (no such database) is a ConnectionError that says to create it or fix the URL', () => {
    const cause = pg({ code: '3D000', message: 'database "shop" does not exist' });
    const e = convertSqlError(cause, meta);
    assert.ok(e instanceof ConnectionError);
    assert.equal(e.message, "database 'shop' does not exist (create it, or fix the URL)");
    const atConnect = connectionFailed('PostgreSQL', 'postgres://app:s3cr3t@db.internal:6543/shop', undefined, cause);
    assert.equal(atConnect.message, "cannot connect to PostgreSQL at db.internal:6543/shop: database 'shop' does not exist (create it, or fix the URL)");
    assert.equal(atConnect.cause, cause);
    assert.match(connectionFailed('PostgreSQL', 'postgres://h/x', 'other', cause).message, /database 'other' does not exist/);
  });
});

describe('MongoDB schema error mapping', () => {
  const meta = modelMeta(Account);

  it('26 (namespace not found) and 263 (collection created in a transaction) are ConfigErrors saying to run db.sync()', () => {
    const missing = convertMongoError(Object.assign(new Error('ns does not exist'), { code: 26 }), meta, 'h:27017');
    assert.ok(missing instanceof ConfigError);
    assert.equal(missing.message, "Account: the collection 'accounts' does not exist: run `db.sync()` on database 'errors_db' first");
    const inTx = convertMongoError(Object.assign(new Error('Cannot create namespace db.accounts in multi-document transaction.'), { code: 263 }), meta, 'h:27017');
    assert.ok(inTx instanceof ConfigError);
    assert.match(inTx.message, /cannot be created inside a transaction on this server: run `db\.sync\(\)`/);
    const other = Object.assign(new Error('Transaction numbers are only allowed on a replica set'), { code: 263 });
    assert.equal(convertMongoError(other, meta, 'h:27017'), other);
  });
});
