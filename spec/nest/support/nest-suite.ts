import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { missingBackend } from '../../support/missing-backend';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ConfigError, Database, DatabaseFactory, TransactionError } from '../../../lib';
import { EssenciaExceptionFilter, EssenciaModule, getDatabaseToken, getModelToken, Transactional, type EssenciaModuleAsyncOptions, type EssenciaModuleOptions, type EssenciaOptionsFactory } from '../../../lib/nest';
import type { Backend } from '../../support/backends';
import { dropNotes } from './drop-notes';
import { NestBackend } from './nest-backend';
import { DB_A, DB_B, Note, Tag } from './nest-models';
import { notesAppModule, NotesService } from './notes-app';

/** Where forRootAsync's options come from in the tests (stands for @nestjs/config's ConfigService). */
@Injectable()
class Settings {
  static url = '';
  readonly url = Settings.url;
}

@Injectable()
class OptionsFromSettings implements EssenciaOptionsFactory {
  constructor(private readonly settings: Settings) {}
  createEssenciaOptions(): EssenciaModuleOptions {
    return { databases: [{ name: DB_A, url: this.settings.url }], sync: true };
  }
}

@Module({ providers: [Settings, OptionsFromSettings], exports: [Settings, OptionsFromSettings] })
class SettingsModule {}

/** A service whose @Transactional() names no database. */
@Injectable()
class DefaultDatabaseService {
  @Transactional()
  async createThenFail(slug: string): Promise<never> {
    await Note.create({ text: 'default db', slug });
    throw new Error('rolled back');
  }
}

async function startApp(options: EssenciaModuleOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [notesAppModule(options)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new EssenciaExceptionFilter());
  return app.init();
}

/** The NestJS integration against one backend: boot, injection, transactions, HTTP errors, shutdown. */
export function runNestSuite(target: Backend): void {
  if (!target.url) {
    missingBackend(`essencia/nestjs on ${target.name}`, target.envVar!);
    return;
  }
  const backend = new NestBackend(target);
  const sql = target.name !== 'mongodb';

  describe(`essencia/nestjs on ${target.name}`, () => {
    beforeAll(async () => {
      await backend.prepare();
      await dropNotes(backend);
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
      backend.cleanUp();
    });

    it('forRoot connects at boot, injects the database and the model, and never syncs unless sync: true', async () => {
      const url = backend.url();
      const unsynced = await Test.createTestingModule({ imports: [notesAppModule({ databases: [{ name: DB_A, url }] })] }).compile();
      const db = unsynced.get<Database>(getDatabaseToken(DB_A));
      assert.ok(db instanceof Database && db.isConnected, 'connected during module init');
      assert.equal(db, DatabaseFactory.getDatabase(DB_A));
      assert.equal(unsynced.get(getModelToken(Note), { strict: false }), Note);
      if (sql) {
        await assert.rejects(Note.count(), 'no table was created');
      } else {
        await Note.create({ text: 'a', slug: 'same' });
        await Note.create({ text: 'b', slug: 'same' }); // no unique index yet
        await Note.forceDeleteMany({});
        await dropNotes(backend);
      }
      await unsynced.close();
      assert.equal(DatabaseFactory.hasDatabase(DB_A), false, 'closed and removed on shutdown');
      assert.equal(db.isConnected, false);

      const synced = await Test.createTestingModule({ imports: [notesAppModule({ databases: [{ name: DB_A, url }], sync: true })] }).compile();
      await Note.create({ text: 'a', slug: 'same' });
      await assert.rejects(Note.create({ text: 'b', slug: 'same' }), { name: 'UniqueConstraintError' });
      await Note.forceDeleteMany({});
      await synced.close();
    });

    const variants: Array<[string, Omit<EssenciaModuleAsyncOptions, 'databaseNames'>]> = [
      ['useFactory', { imports: [SettingsModule], inject: [Settings], useFactory: (s: Settings) => ({ databases: [{ name: DB_A, url: s.url }], sync: true }) }],
      ['useClass', { imports: [SettingsModule], useClass: OptionsFromSettings }],
      ['useExisting', { imports: [SettingsModule], useExisting: OptionsFromSettings }],
    ];
    for (const [kind, async] of variants) {
      it(`forRootAsync with ${kind} takes the options from the injected provider`, async () => {
        Settings.url = backend.url();
        const moduleRef = await Test.createTestingModule({
          imports: [EssenciaModule.forRootAsync({ databaseNames: [DB_A], ...async }), EssenciaModule.forFeature([Note])],
        }).compile();
        const db = moduleRef.get<Database>(getDatabaseToken(DB_A));
        assert.ok(db.isConnected);
        const note = await Note.create({ text: kind, slug: `async-${kind}` });
        assert.equal((await Note.findById(note.id))?.text, kind);
        await Note.forceDeleteMany({});
        await moduleRef.close();
        assert.equal(DatabaseFactory.hasDatabase(DB_A), false);
      });
    }

    it('overrideProvider(getModelToken(Note)) replaces the model for the services that inject it', async () => {
      const fake = { create: async () => ({ id: 'fake' }) };
      const moduleRef = await Test.createTestingModule({ imports: [notesAppModule({ databases: [{ name: DB_A, url: backend.url() }] })] })
        .overrideProvider(getModelToken(Note))
        .useValue(fake)
        .compile();
      const service = moduleRef.get(NotesService, { strict: false });
      assert.equal(service.notes, fake);
      assert.equal(service.db, DatabaseFactory.getDatabase(DB_A));
      await moduleRef.close();
    });

    describe('over HTTP with EssenciaExceptionFilter', () => {
      let app: INestApplication;
      let transactions = true;
      beforeAll(async () => {
        app = await startApp({ databases: [{ name: DB_A, url: backend.url() }], sync: true });
        transactions = DatabaseFactory.getDatabase(DB_A).driver.capabilities.transactions;
        if (!transactions) console.warn(`[nest on ${target.name}] capability transactions absent: @Transactional is checked to fail with TransactionError`);
      });
      afterAll(async () => {
        await Note.forceDeleteMany({});
        await app.close();
      });

      it('ValidationError is 400 with the messages per field', async () => {
        const res = await request(app.getHttpServer()).post('/notes').send({ text: 'x'.repeat(30), slug: 'too-long' }).expect(400);
        assert.equal(res.body.code, 'VALIDATION');
        assert.ok(Array.isArray(res.body.errors.text) && res.body.errors.text.length > 0, JSON.stringify(res.body));
        assert.equal(await Note.count({ slug: 'too-long' }), 0);
      });

      it('UniqueConstraintError is 409 naming the field, never the value', async () => {
        await request(app.getHttpServer()).post('/notes').send({ text: 'one', slug: 'secret-slug-value' }).expect(201);
        const res = await request(app.getHttpServer()).post('/notes').send({ text: 'two', slug: 'secret-slug-value' }).expect(409);
        assert.equal(res.body.code, 'UNIQUE_CONSTRAINT');
        assert.deepEqual(res.body.fields, ['slug']);
        assert.doesNotMatch(res.text, /secret-slug-value/);
      });

      it('QueryError is 400, NotFoundError 404, OptimisticLockError 409', async () => {
        const query = await request(app.getHttpServer()).get('/notes/search').query({ field: 'nope' }).expect(400);
        assert.equal(query.body.code, 'QUERY');
        const missing = await request(app.getHttpServer()).get('/notes/no-such-id').expect(404);
        assert.equal(missing.body.code, 'NOT_FOUND');
        const stale = await request(app.getHttpServer()).get('/notes/stale').expect(409);
        assert.equal(stale.body.code, 'OPTIMISTIC_LOCK');
      });

      it('other errors are 500 without internals', async () => {
        const res = await request(app.getHttpServer()).get('/notes/broken').expect(500);
        assert.equal(res.body.message, 'Internal server error');
        assert.doesNotMatch(res.text, /srv|k1|decrypt|42/);
        const plain = await request(app.getHttpServer()).get('/notes/plain-error').expect(500);
        assert.doesNotMatch(plain.text, /internal detail/);
      });

      it('@Transactional above @Post keeps the route, and a failed second write rolls back the first', async () => {
        await request(app.getHttpServer()).post('/notes').send({ text: 'taken', slug: 'taken' }).expect(201);
        const res = await request(app.getHttpServer()).post('/notes/pair').send({ first: 'pair-first', second: 'taken' });
        if (transactions) {
          assert.equal(res.status, 409);
        } else {
          assert.equal(res.status, 500, 'TransactionError: no transactions on this server');
        }
        assert.equal(await Note.count({ slug: 'pair-first' }), 0, 'the first write was rolled back');
        await request(app.getHttpServer()).post('/notes/pair').send({ first: 'p1', second: 'p2' }).expect(transactions ? 201 : 500);
      });

      it('@Transactional on a service commits, rolls back on throw, and nests as a savepoint', async () => {
        const service = app.get(NotesService, { strict: false });
        if (!transactions) {
          await assert.rejects(service.createTwo('tx-a', 'tx-b'), TransactionError);
          assert.equal(await Note.count({ slug: { $in: ['tx-a', 'tx-b'] } }), 0);
          return;
        }
        await service.createTwo('tx-a', 'tx-b');
        assert.equal(await Note.count({ slug: { $in: ['tx-a', 'tx-b'] } }), 2);
        await assert.rejects(service.createThenFail('tx-doomed'), /payment declined/);
        assert.equal(await Note.count({ slug: 'tx-doomed' }), 0);
        await service.outerCatchingInner('tx-outer', 'tx-inner');
        assert.equal(await Note.count({ slug: 'tx-outer' }), 1);
        assert.equal(await Note.count({ slug: 'tx-inner' }), 0, 'the inner savepoint was rolled back');
      });

      it('@Transactional(name, { retries }) runs the method again after a retryable TransactionError', async () => {
        const service = app.get(NotesService, { strict: false });
        service.attempts = 0;
        if (!transactions) {
          await assert.rejects(service.conflictOnce('retried'), TransactionError);
          assert.equal(service.attempts, 0, 'no transaction, no run');
          return;
        }
        await service.conflictOnce('retried');
        assert.equal(service.attempts, 2);
        assert.deepEqual((await Note.findMany({ slug: 'retried' })).map((n) => n.text), ['attempt 2']);
      });

      it('@Transactional() without a name uses the only registered database', async () => {
        const service = new DefaultDatabaseService();
        await assert.rejects(service.createThenFail('default-db'), transactions ? /rolled back/ : TransactionError);
        assert.equal(await Note.count({ slug: 'default-db' }), 0);
      });
    });

    it('EssenciaExceptionFilter also works as an APP_FILTER provider (replying through Nest\'s HTTP adapter)', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [notesAppModule({ databases: [{ name: DB_A, url: backend.url() }] })],
        providers: [{ provide: APP_FILTER, useClass: EssenciaExceptionFilter }],
      }).compile();
      const app = await moduleRef.createNestApplication({ logger: false }).init();
      const res = await request(app.getHttpServer()).get('/notes/stale').expect(409);
      assert.equal(res.body.code, 'OPTIMISTIC_LOCK');
      await app.close();
    });

    it('two apps in one process close only their own databases', async () => {
      const first = await startApp({ databases: [{ name: DB_A, url: backend.url() }], sync: true });
      const second = await Test.createTestingModule({
        imports: [EssenciaModule.forRoot({ databases: [{ name: DB_B, url: backend.url() }], sync: true }), EssenciaModule.forFeature([Tag])],
      }).compile();
      const a = DatabaseFactory.getDatabase(DB_A);
      await first.close();
      assert.equal(DatabaseFactory.hasDatabase(DB_A), false);
      assert.equal(a.isConnected, false);
      const tag = await Tag.create({ label: 'still open' });
      assert.equal((await Tag.findById(tag.id))?.label, 'still open');
      await Tag.forceDeleteMany({});
      await second.close();
      assert.equal(DatabaseFactory.hasDatabase(DB_B), false);
    });

    it('two apps naming the same database with the same settings share it; the last to close closes it', async () => {
      const url = backend.url();
      const first = await Test.createTestingModule({ imports: [notesAppModule({ databases: [{ name: DB_A, url }], sync: true })] }).compile();
      const second = await Test.createTestingModule({ imports: [notesAppModule({ databases: [{ name: DB_A, url }], sync: true })] }).compile();
      assert.equal(first.get(getDatabaseToken(DB_A)), second.get(getDatabaseToken(DB_A)));
      await first.close();
      assert.equal(await Note.count({}), 0, 'the second app still reads');
      await second.close();
      assert.equal(DatabaseFactory.hasDatabase(DB_A), false);
    });

    it('the same name with other settings fails the second boot with a ConfigError', async () => {
      const first = await Test.createTestingModule({ imports: [notesAppModule({ databases: [{ name: DB_A, url: backend.url() }] })] }).compile();
      const other = { name: DB_A, url: backend.url(), options: { poolSize: 2 } };
      await assert.rejects(
        Test.createTestingModule({ imports: [notesAppModule({ databases: [other] })] }).compile(),
        (e: unknown) => e instanceof ConfigError && /already open in this process with other settings/.test(e.message),
      );
      assert.ok(DatabaseFactory.getDatabase(DB_A).isConnected, 'the first app keeps its database');
      await first.close();
    });

    it('a database registered outside EssenciaModule is used as it is and left open on shutdown', async () => {
      const own = DatabaseFactory.createDatabase({ name: DB_A, url: backend.url() });
      const moduleRef = await Test.createTestingModule({ imports: [notesAppModule({ databases: [{ name: DB_A, url: 'postgres://ignored@127.0.0.1:1/x' }] })] }).compile();
      assert.equal(moduleRef.get(getDatabaseToken(DB_A)), own);
      await moduleRef.close();
      assert.ok(DatabaseFactory.hasDatabase(DB_A) && own.isConnected);
      await DatabaseFactory.removeDatabase(DB_A);
    });

    it('the health indicator pings each database', async () => {
      const moduleRef = await Test.createTestingModule({ imports: [notesAppModule({ databases: [{ name: DB_A, url: backend.url() }] })] }).compile();
      const { EssenciaHealthIndicator } = await import('../../../lib/nest');
      const health = moduleRef.get(EssenciaHealthIndicator, { strict: false });
      assert.deepEqual(await health.pingCheck(), { [DB_A]: { status: 'up' } });
      DatabaseFactory.createDatabase({ name: 'nest_down', url: 'postgres://postgres@127.0.0.1:1/none' });
      const down = await health.pingCheck();
      assert.equal(down[DB_A]!.status, 'up');
      assert.equal(down.nest_down!.status, 'down');
      assert.match(down.nest_down!.message ?? '', /ECONNREFUSED|refused/i);
      assert.equal(await health.isHealthy(), false);
      await DatabaseFactory.removeDatabase('nest_down');
      await moduleRef.close();
    });
  });
}
