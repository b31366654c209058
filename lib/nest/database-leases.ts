import { ConfigError } from '../errors';
import type { DatabaseConfig } from '../database/config';
import type { Database } from '../database/database';
import { DatabaseFactory } from '../database/database-factory';

/**
 * Which EssenciaModule instances use which database. Models find their database by name in the process-wide
 * `DatabaseFactory`, so two Nest applications in one process (tests do this) that name the same database share
 * one `Database`: the first registers it, each one takes a lease, and the last lease to go closes it.
 * The same name with other settings is a ConfigError (models could not tell the two apart). A database
 * registered outside any EssenciaModule (by the application or by essencia/testing) is used as it is and
 * never closed by the module.
 */
interface Registration {
  readonly database: Database;
  readonly settings: string;
  holders: number;
}

const registrations = new Map<string, Registration>();

/** A database an EssenciaModule uses, and whether the module is the one that has to close it. */
export interface Lease {
  readonly database: Database;
  /** False for a database registered outside EssenciaModule: the module leaves it open. */
  readonly managed: boolean;
}

function settingsOf(config: DatabaseConfig): string {
  return JSON.stringify([config.type ?? null, config.url ?? null, config.databaseName ?? null, config.options ?? null]);
}

/** Registers `config` (or joins the registration another module made with the same settings). */
export function acquireDatabase(config: DatabaseConfig): Lease {
  const current = registrations.get(config.name);
  if (current && DatabaseFactory.hasDatabase(config.name) && DatabaseFactory.getDatabase(config.name) === current.database) {
    if (current.settings !== settingsOf(config)) {
      throw new ConfigError(
        `EssenciaModule: database '${config.name}' is already open in this process with other settings (another Nest application?). ` +
          'Database names are process-wide because models find their database by name: use the same settings or another name',
      );
    }
    current.holders += 1;
    return { database: current.database, managed: true };
  }
  registrations.delete(config.name);
  if (DatabaseFactory.hasDatabase(config.name)) return { database: DatabaseFactory.getDatabase(config.name), managed: false };
  const database = DatabaseFactory.createDatabase(config);
  registrations.set(config.name, { database, settings: settingsOf(config), holders: 1 });
  return { database, managed: true };
}

/** Gives a lease back; the last holder of a managed database closes it and removes it from DatabaseFactory. */
export async function releaseDatabase(lease: Lease): Promise<void> {
  if (!lease.managed) return;
  const { name } = lease.database;
  const current = registrations.get(name);
  if (current?.database !== lease.database) {
    await lease.database.close();
    return;
  }
  current.holders -= 1;
  if (current.holders > 0) return;
  registrations.delete(name);
  if (DatabaseFactory.hasDatabase(name) && DatabaseFactory.getDatabase(name) === lease.database) await DatabaseFactory.removeDatabase(name);
  else await lease.database.close();
}
