import 'reflect-metadata';

export { EssenciaModule } from './essencia-module';
export type { EssenciaModuleAsyncOptions } from './essencia-module';
export type { EssenciaModuleOptions, EssenciaOptionsFactory, EssenciaRetryOptions } from './module-options';
export { getDatabaseToken, getModelToken } from './tokens';
export { InjectDatabase, InjectModel } from './inject';
export { Transactional } from './transactional';
export { EssenciaExceptionFilter, errorResponse } from './exception-filter';
export type { EssenciaErrorBody } from './exception-filter';
export { EssenciaHealthIndicator } from './health-indicator';
export type { DatabaseHealth } from './health-indicator';
