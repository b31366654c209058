import { ConfigError } from '../errors';
import type { Database } from '../database/database';
import { acquireDatabase, releaseDatabase, type Lease } from './database-leases';
import { checkRetryOptions, connectWithRetry, type RetryLog } from './connect-with-retry';
import type { EssenciaModuleOptions } from './module-options';

/** The databases one EssenciaModule opened, by name; `close()` gives them back. */
export class OpenDatabases {
  constructor(private readonly leases: ReadonlyMap<string, Lease>) {}

  get(name: string): Database {
    const lease = this.leases.get(name);
    if (!lease) throw new ConfigError(`EssenciaModule: no database named '${name}' (configured: ${this.names().join(', ')})`);
    return lease.database;
  }

  names(): string[] {
    return [...this.leases.keys()];
  }

  /** Closes the databases this module registered, unless another module still uses them. */
  async close(): Promise<void> {
    await Promise.all([...this.leases.values()].map((lease) => releaseDatabase(lease)));
  }
}

function checkOptions(options: EssenciaModuleOptions, declaredNames: readonly string[]): void {
  if (!options || !Array.isArray(options.databases) || options.databases.length === 0) {
    throw new ConfigError('EssenciaModule: options.databases must list at least one database ({ name, url })');
  }
  const names = options.databases.map((d) => d?.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new ConfigError(`EssenciaModule: database '${duplicate}' is configured twice`);
  const missing = declaredNames.filter((n) => !names.includes(n));
  const extra = names.filter((n) => !declaredNames.includes(n));
  if (missing.length || extra.length) {
    throw new ConfigError(
      `EssenciaModule.forRootAsync: the options configure [${names.join(', ')}] but databaseNames declares [${declaredNames.join(', ')}]` +
        `${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; not declared: ${extra.join(', ')}` : ''}. ` +
        'The names are static (their injection tokens exist before the options are known): list the same names in both',
    );
  }
  checkRetryOptions(options.retry);
}

/**
 * Registers, connects (with the opt-in retry) and, only with `sync: true`, syncs the configured databases.
 * If any of them fails, the ones already opened are closed again before the error is thrown: a failed boot
 * leaves no pool open (so a test process can still exit).
 */
export async function openDatabases(options: EssenciaModuleOptions, declaredNames: readonly string[], log: RetryLog): Promise<OpenDatabases> {
  checkOptions(options, declaredNames);
  const leases = new Map<string, Lease>();
  const open = new OpenDatabases(leases);
  try {
    for (const config of options.databases) leases.set(config.name, acquireDatabase(config));
    const settled = await Promise.allSettled([...leases.values()].map(async ({ database }) => {
      await connectWithRetry(database, options.retry, log);
      if (options.sync === true) await database.sync();
    }));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    return open;
  } catch (error) {
    await open.close().catch(() => undefined);
    throw error;
  }
}
