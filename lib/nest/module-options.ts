import type { DatabaseConfig } from '../database/config';

/** Opt-in retries of the first connection. */
export interface EssenciaRetryOptions {
  /** How many times to try in all, the first included (1 = no retry). */
  attempts: number;
  /** Pause between two tries, in milliseconds. Default 1000. */
  delayMs?: number;
}

/** What `EssenciaModule.forRoot()` takes, and what a `forRootAsync()` factory returns. */
export interface EssenciaModuleOptions {
  /** The databases to register and connect; models find them by `name`. */
  databases: DatabaseConfig[];
  /** Create missing tables / collections and indexes at boot (`Database.sync()`). Default false. */
  sync?: boolean;
  /** Retry the first connection, logging each failure's cause. Default: fail at the first error. */
  retry?: EssenciaRetryOptions;
}

/** A class whose `createEssenciaOptions()` gives the options (for `forRootAsync({ useClass | useExisting })`). */
export interface EssenciaOptionsFactory {
  createEssenciaOptions(): EssenciaModuleOptions | Promise<EssenciaModuleOptions>;
}
