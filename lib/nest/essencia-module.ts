import { Module, type DynamicModule } from '@nestjs/common';
import type { ConfigurableModuleAsyncOptions } from '@nestjs/common';
import { ConfigError } from '../errors';
import { EssenciaCoreModule } from './essencia-core-module';
import { createModelProviders } from './model-providers';
import type { EssenciaModuleOptions } from './module-options';

/** `forRootAsync()` options: the database names now, the rest from a factory, a class or an existing provider. */
export interface EssenciaModuleAsyncOptions extends ConfigurableModuleAsyncOptions<EssenciaModuleOptions, 'createEssenciaOptions'> {
  /** The names the options will configure (static: their injection tokens exist before the factory runs). */
  databaseNames: string[];
}

/**
 * The NestJS module of essencia.
 *
 * @example
 * @Module({ imports: [
 *   EssenciaModule.forRoot({ databases: [{ name: 'pg_main', url: process.env.DATABASE_URL }] }),
 *   EssenciaModule.forFeature([Appointment, Payment]),
 * ] })
 * class AppModule {}
 */
@Module({})
export class EssenciaModule {
  /** Registers and connects `options.databases` at boot; closes them on application shutdown. */
  static forRoot(options: EssenciaModuleOptions): DynamicModule {
    const databaseNames = Array.isArray(options?.databases) ? options.databases.map((d) => d?.name) : [];
    return { module: EssenciaModule, imports: [EssenciaCoreModule.forRoot({ ...options, databaseNames })] };
  }

  /** Like `forRoot`, with the options from `useFactory` (+ `inject`, `imports`), `useClass` or `useExisting`. */
  static forRootAsync(options: EssenciaModuleAsyncOptions): DynamicModule {
    const names = options?.databaseNames;
    if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string' || n.length === 0)) {
      throw new ConfigError("EssenciaModule.forRootAsync: databaseNames must list the database names, e.g. databaseNames: ['pg_main']");
    }
    if (!options.useFactory && !options.useClass && !options.useExisting) {
      throw new ConfigError('EssenciaModule.forRootAsync: give one of useFactory, useClass or useExisting');
    }
    return { module: EssenciaModule, imports: [EssenciaCoreModule.forRootAsync(options)] };
  }

  /**
   * Provides each model class under `getModelToken(Model)` for `@InjectModel(Model)`, and checks at boot
   * that its database is configured. Static use (`Patient.findMany(...)`) works with or without it.
   */
  static forFeature(models: Function[]): DynamicModule {
    const providers = createModelProviders(models);
    return { module: EssenciaModule, providers, exports: providers };
  }
}
