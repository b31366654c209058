import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, it } from '@jest/globals';
import { Post } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Test } from '@nestjs/testing';
import { ConfigError, ConnectionError, DatabaseFactory, ModelNotRegisteredError } from '../../lib';
import { EssenciaModule, getDatabaseToken, getModelToken, Transactional } from '../../lib/nest';
import { describeError } from '../../lib/nest/connect-with-retry';
import { CaptureLogger } from './support/capture-logger';
import { DB_A, DB_B, Note, Orphan } from './support/nest-models';

const UNREACHABLE = 'postgres://postgres@127.0.0.1:1/essencia';

class NotAModel {}

describe('essencia/nestjs configuration (no database needed)', () => {
  afterEach(async () => {
    assert.deepEqual(DatabaseFactory.databases().map((d) => d.name), [], 'a failed boot leaves no database registered');
    await DatabaseFactory.closeAll();
  });

  it('tokens are unique symbols, stable per name and per class', () => {
    assert.equal(typeof getDatabaseToken(DB_A), 'symbol');
    assert.equal(getDatabaseToken(DB_A), getDatabaseToken(DB_A));
    assert.notEqual(getDatabaseToken(DB_A), getDatabaseToken(DB_B));
    assert.notEqual(getDatabaseToken(DB_A), Symbol.for(DB_A));
    assert.equal(getModelToken(Note), getModelToken(Note));
    assert.notEqual(getModelToken(Note), getModelToken(Orphan));
    assert.throws(() => getModelToken(undefined as never), ConfigError);
  });

  it('forRootAsync: a factory that configures other names than databaseNames fails boot with a ConfigError', async () => {
    await assert.rejects(
      Test.createTestingModule({
        imports: [EssenciaModule.forRootAsync({ databaseNames: [DB_A], useFactory: () => ({ databases: [{ name: DB_B, url: UNREACHABLE }] }) })],
      }).compile(),
      (e: unknown) => e instanceof ConfigError && /missing: nest_a; not declared: nest_b/.test(e.message),
    );
  });

  it('forRootAsync needs databaseNames and one of useFactory / useClass / useExisting', () => {
    assert.throws(() => EssenciaModule.forRootAsync({ useFactory: () => ({ databases: [] }) } as never), /databaseNames must list/);
    assert.throws(() => EssenciaModule.forRootAsync({ databaseNames: [DB_A] }), /useFactory, useClass or useExisting/);
  });

  it('bad options are ConfigErrors before anything connects', async () => {
    for (const [options, message] of [
      [{ databases: [] }, /at least one database/],
      [{ databases: [{ name: DB_A, url: UNREACHABLE }, { name: DB_A, url: UNREACHABLE }] }, /configured twice/],
      [{ databases: [{ name: DB_A, url: UNREACHABLE }], retry: { attempts: 0 } }, /retry.attempts/],
    ] as const) {
      await assert.rejects(Test.createTestingModule({ imports: [EssenciaModule.forRoot(options as never)] }).compile(), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    }
  });

  it('forFeature of a model whose database is not configured fails boot with a ConfigError naming both', async () => {
    await assert.rejects(
      Test.createTestingModule({ imports: [EssenciaModule.forFeature([Orphan])] }).compile(),
      (e: unknown) => e instanceof ConfigError && /Orphan lives in database 'nest_nowhere'/.test(e.message),
    );
    assert.throws(() => EssenciaModule.forFeature([NotAModel]), ModelNotRegisteredError);
  });

  it('fails fast with the driver error when a database cannot be reached, logging nothing without retry', async () => {
    const logger = new CaptureLogger();
    const started = Date.now();
    await assert.rejects(
      Test.createTestingModule({ imports: [EssenciaModule.forRoot({ databases: [{ name: DB_A, url: UNREACHABLE }] })] }).setLogger(logger).compile(),
      (e: unknown) => e instanceof ConnectionError && (e.cause as { code?: string })?.code === 'ECONNREFUSED',
    );
    assert.ok(Date.now() - started < 10_000, 'no hidden retry loop');
    assert.deepEqual(logger.of('EssenciaModule'), []);
  });

  it('retry: logs every failed attempt with its cause, then throws the real error', async () => {
    const logger = new CaptureLogger();
    await assert.rejects(
      Test.createTestingModule({
        imports: [EssenciaModule.forRoot({ databases: [{ name: DB_A, url: UNREACHABLE }], retry: { attempts: 3, delayMs: 20 } })],
      }).setLogger(logger).compile(),
      (e: unknown) => e instanceof ConnectionError && (e.cause as { code?: string })?.code === 'ECONNREFUSED',
    );
    const lines = logger.of('EssenciaModule');
    assert.equal(lines.length, 3, lines.join('\n'));
    lines.forEach((line, i) => {
      assert.match(line, new RegExp(`database 'nest_a' \\(attempt ${i + 1} of 3\\)`));
      assert.match(line, /ECONNREFUSED/);
    });
    assert.match(lines[2]!, /giving up/);
  });

  it('logged causes name the error chain and never carry a password from a URL', () => {
    const error = new ConnectionError('cannot connect', { cause: new Error('bad uri mongodb://app:s3cret@db:27017/x') });
    const text = describeError(error);
    assert.equal(text, 'ConnectionError: cannot connect (cause: bad uri mongodb://app:***@db:27017/x)');
  });

  it('@Transactional() without a name refuses to guess when several databases are registered', async () => {
    class Service {
      @Transactional()
      async work(): Promise<string> {
        return 'ran';
      }
    }
    DatabaseFactory.createDatabase({ name: DB_A, url: UNREACHABLE });
    DatabaseFactory.createDatabase({ name: DB_B, url: UNREACHABLE });
    await assert.rejects(new Service().work(), (e: unknown) => e instanceof ConfigError && /Service\.work: 2 databases are registered \(nest_a, nest_b\)/.test(e.message));
    await DatabaseFactory.closeAll();
  });

  it('@Transactional keeps the metadata other decorators put on the method', () => {
    class Controller {
      @Transactional(DB_A)
      @Post('pay')
      async pay(): Promise<void> {}
    }
    assert.equal(Reflect.getMetadata(PATH_METADATA, Controller.prototype.pay), 'pay');
    assert.equal(Controller.prototype.pay.name, 'pay');
  });

  it('the core barrel never loads NestJS', async () => {
    const { execFileSync } = await import('node:child_process');
    const build = process.env.ESSENCIA_TEST_BUILD;
    assert.ok(build, 'ESSENCIA_TEST_BUILD is not set: run the tests with npm test, which compiles lib');
    const lib = join(build, 'lib', 'index.js');
    const out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(lib)}); console.log(Object.keys(require.cache).some((f) => f.includes('@nestjs')))`]).toString().trim();
    assert.equal(out, 'false');
  });
});
