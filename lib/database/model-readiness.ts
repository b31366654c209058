import { ConfigError } from '../errors';
import type { Driver } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';

const checked = new WeakSet<ModelMeta>();

/**
 * Checks, once per model, what must hold before it touches data: its codecs can work (e.g. encryption has a
 * key) and, for MongoModel / SQLModel, the database is of the kind it asserts. Throws ConfigError otherwise.
 */
export function assertModelReady(meta: ModelMeta, driver: Driver): void {
  if (checked.has(meta)) return;
  for (const field of meta.modelFields) field.codec?.assertReady?.();
  if (meta.databaseKind) {
    const kind = driver.capabilities.sqlTables ? 'sql' : 'document';
    if (kind !== meta.databaseKind) {
      const base = meta.databaseKind === 'sql' ? 'SQLModel' : 'MongoModel';
      throw new ConfigError(`${meta.name} extends ${base} but its database '${meta.database}' is ${driver.type}`);
    }
  }
  checked.add(meta);
}
