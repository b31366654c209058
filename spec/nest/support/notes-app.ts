import { Body, Controller, Get, Injectable, Module, Param, Post, Query, type DynamicModule } from '@nestjs/common';
import { Database, EncryptionError, NotFoundError, OptimisticLockError, TransactionError } from '../../../lib';
import { EssenciaModule, InjectDatabase, InjectModel, Transactional, type EssenciaModuleOptions } from '../../../lib/nest';
import { DB_A, Note } from './nest-models';

/** A service as an application writes it: the model and the database injected, writes in transactions. */
@Injectable()
export class NotesService {
  constructor(
    @InjectModel(Note) readonly notes: typeof Note,
    @InjectDatabase(DB_A) readonly db: Database,
  ) {}

  @Transactional(DB_A)
  async createTwo(first: string, second: string): Promise<void> {
    await this.notes.create({ text: 'first', slug: first });
    await this.notes.create({ text: 'second', slug: second });
  }

  /** Writes one note, then fails: nothing may stay. */
  @Transactional(DB_A)
  async createThenFail(slug: string): Promise<never> {
    await this.notes.create({ text: 'doomed', slug });
    throw new Error('payment declined');
  }

  attempts = 0;

  /** Aborted by a (simulated) conflict on its first run: `retries` runs it again, and only the second run's write stays. */
  @Transactional(DB_A, { retries: 2 })
  async conflictOnce(slug: string): Promise<void> {
    this.attempts++;
    await this.notes.create({ text: `attempt ${this.attempts}`, slug });
    if (this.attempts === 1) throw new TransactionError('simulated serialization failure', { retryable: true });
  }

  /** The outer write stays; the inner method's write is rolled back to its savepoint. */
  @Transactional(DB_A)
  async outerCatchingInner(outer: string, inner: string): Promise<void> {
    await this.notes.create({ text: 'outer', slug: outer });
    await this.createThenFail(inner).catch(() => undefined);
  }
}

@Controller('notes')
export class NotesController {
  constructor(private readonly service: NotesService) {}

  @Post()
  async create(@Body() body: { text: string; slug: string }): Promise<Note> {
    return this.service.notes.create(body);
  }

  // @Transactional above @Post: Nest's route metadata must survive the wrapping.
  @Transactional(DB_A)
  @Post('pair')
  async pair(@Body() body: { first: string; second: string }): Promise<{ ok: true }> {
    await Note.create({ text: 'pair', slug: body.first });
    await Note.create({ text: 'pair', slug: body.second });
    return { ok: true };
  }

  @Get('search')
  async search(@Query('field') field: string): Promise<Note[]> {
    return this.service.notes.findMany({ [field]: 'x' } as never);
  }

  @Get('stale')
  stale(): never {
    throw new OptimisticLockError('Note', 'the row changed since it was read');
  }

  @Get('broken')
  broken(): never {
    throw new EncryptionError('cannot decrypt Note.text of id 42 with key k1 at /srv/keys');
  }

  @Get('plain-error')
  plainError(): never {
    throw new Error('internal detail');
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<Note> {
    const note = await this.service.notes.findById(id);
    if (!note) throw new NotFoundError(`no Note with id ${id}`);
    return note;
  }
}

@Module({ imports: [EssenciaModule.forFeature([Note])], controllers: [NotesController], providers: [NotesService], exports: [NotesService] })
export class NotesModule {}

/** The application module of the tests: the databases, then the notes feature. */
export function notesAppModule(options: EssenciaModuleOptions): DynamicModule {
  @Module({})
  class NotesAppModule {}
  return { module: NotesAppModule, imports: [EssenciaModule.forRoot(options), NotesModule] };
}
