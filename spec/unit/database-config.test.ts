import assert from 'node:assert/strict';
import { afterAll, describe, it } from '@jest/globals';
import { ConfigError, ConnectionError, DatabaseFactory } from '../../lib';
import { acceptedSchemes, typeFromUrl } from '../../lib/database/config';
import { supportedTypes } from '../../lib/database/driver-loaders';
import { optionalRequire } from '../../lib/util/optional-require';

describe('database configuration', () => {
  afterAll(() => DatabaseFactory.closeAll());

  it('infers the type from the URL scheme', () => {
    assert.equal(DatabaseFactory.createDatabase({ name: 'c1', url: 'postgres://u@h/db' }).type, 'postgresql');
    assert.equal(DatabaseFactory.createDatabase({ name: 'c2', url: 'postgresql://u@h/db' }).type, 'postgresql');
    assert.equal(DatabaseFactory.createDatabase({ name: 'c3', url: 'mongodb+srv://u@h/db' }).type, 'mongodb');
    assert.equal(DatabaseFactory.createDatabase({ name: 'c4', url: 'pglite://memory' }).type, 'pglite');
    assert.equal(DatabaseFactory.getDatabase('c1').name, 'c1');
  });

  it('refuses bad configurations with a ConfigError', () => {
    assert.throws(() => DatabaseFactory.createDatabase({ name: '', url: 'pglite://memory' }), ConfigError);
    assert.throws(() => DatabaseFactory.createDatabase({ name: 'x1' }), ConfigError);
    assert.throws(
      () => DatabaseFactory.createDatabase({ name: 'x2', url: 'ftp://u:s3cr3t@h/db' }),
      (e: Error) =>
        e instanceof ConfigError &&
        e.message === "database 'x2': the URL scheme 'ftp:' is not one essencia knows; accepted: postgres://, postgresql://, pglite://, mongodb://, mongodb+srv://, mysql://, mariadb:// (or set `type`: postgresql, pglite, mysql, mongodb)",
    );
    assert.throws(() => DatabaseFactory.createDatabase({ name: 'x5', url: '/var/data/db' }), /database 'x5': the URL has no scheme essencia knows; accepted: postgres:\/\//);
    assert.throws(() => DatabaseFactory.createDatabase({ name: 'x3', url: 'sqlite:./x.db' }), /not supported yet/);
    assert.throws(() => DatabaseFactory.createDatabase({ name: 'x4', type: 'mongodb', url: 'postgres://h/db' }), /does not match/);
    assert.throws(() => DatabaseFactory.createDatabase({ name: 'c1', url: 'pglite://memory' }), /already exists/);
  });

  it('the accepted schemes are those of the database types that have a driver', () => {
    assert.deepEqual(acceptedSchemes(supportedTypes()), ['postgres://', 'postgresql://', 'pglite://', 'mongodb://', 'mongodb+srv://', 'mysql://', 'mariadb://']);
    assert.deepEqual(acceptedSchemes(['mysql']), ['mysql://', 'mariadb://']);
    assert.equal(typeFromUrl('MongoDB+SRV://h/db'), 'mongodb');
  });

  it('an unknown database name lists the registered ones', () => {
    assert.throws(() => DatabaseFactory.getDatabase('nope'), (e: Error) => e instanceof ConfigError && /c1/.test(e.message) && /nope/.test(e.message));
  });

  it('a missing backend package says what to install', () => {
    assert.throws(() => optionalRequire('essencia-no-such-package', 'The test driver', 'essencia-no-such-package'), (e: Error) => e instanceof ConfigError && /npm install essencia-no-such-package/.test(e.message));
  });
});

describe('connection failures', () => {
  afterAll(() => DatabaseFactory.closeAll());

  for (const [name, url] of [
    ['postgresql', 'postgres://essencia:s3cr3t-pw@127.0.0.1:1/nowhere'],
    ['mongodb', 'mongodb://essencia:s3cr3t-pw@127.0.0.1:1/nowhere'],
  ] as const) {
    it(`${name}: a server that is down is a ConnectionError within the timeout, without the password`, async () => {
      const db = DatabaseFactory.createDatabase({ name: `down_${name}`, url, options: { connectTimeoutMs: 2_000 } });
      const started = Date.now();
      const error = await db.connect().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ConnectionError, String(error));
      assert.match(error.message, /127\.0\.0\.1:1/);
      assert.doesNotMatch(error.message, /s3cr3t/);
      assert.ok(error.cause);
      assert.ok(Date.now() - started < 10_000, 'gave up within the timeout');
      await db.connect().then(() => assert.fail('connected'), (e: unknown) => assert.ok(e instanceof ConnectionError, 'retried, failed the same way'));
    });
  }
});
