import { configureEncryption, Database, DatabaseFactory, generateEncryptionKey } from '../../lib';
import { CLINIC_DB, PATIENTS_DB } from './models';

/** A URL fit to print: the password, if any, replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

export interface ConfiguredDatabase {
  database: Database;
  /** A line that says which backend the database is on. */
  description: string;
  /** True for an embedded in-memory database (empty at every start). */
  embedded: boolean;
}

/**
 * The encryption key. Real deployments set ESSENCIA_ENCRYPTION_KEY (base64 of 32 random bytes); without it
 * the sample makes a throwaway key for this process only, and says so.
 */
export function setUpEncryption(log: (line: string) => void): 'environment' | 'ephemeral' {
  if (process.env.ESSENCIA_ENCRYPTION_KEY?.trim()) {
    log('encryption: key from ESSENCIA_ENCRYPTION_KEY');
    return 'environment';
  }
  configureEncryption({ keys: [{ id: 'ephemeral', key: generateEncryptionKey() }] });
  log('encryption: ESSENCIA_ENCRYPTION_KEY is not set, so this run uses an EPHEMERAL key that exists only in this process.');
  log('            Anything it encrypts is unreadable after a restart. For real data, generate a key once, keep it secret');
  log('            and set it in the environment (`npx essencia keys generate` prints one), e.g.:');
  log(`              export ESSENCIA_ENCRYPTION_KEY="$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")"`);
  return 'ephemeral';
}

/**
 * Registers the two databases of the sample:
 * - patients_db: MongoDB when MONGODB_URL is set, else an embedded PGlite in memory;
 * - clinic_db:   PostgreSQL when DATABASE_URL is set, else another embedded PGlite in memory.
 * The models only know the names, so the same code runs on either backend.
 */
export function createDatabases(): ConfiguredDatabase[] {
  const mongoUrl = process.env.MONGODB_URL?.trim();
  const postgresUrl = process.env.DATABASE_URL?.trim();

  const patients = mongoUrl
    ? {
        database: DatabaseFactory.createDatabase({ name: PATIENTS_DB, type: 'mongodb', url: mongoUrl }),
        description: `MongoDB at ${redactUrl(mongoUrl)} (from MONGODB_URL)`,
        embedded: false,
      }
    : {
        database: DatabaseFactory.createDatabase({ name: PATIENTS_DB, url: 'pglite://memory' }),
        description: 'embedded PGlite in memory (set MONGODB_URL to use MongoDB)',
        embedded: true,
      };

  const clinic = postgresUrl
    ? {
        database: DatabaseFactory.createDatabase({ name: CLINIC_DB, type: 'postgresql', url: postgresUrl, options: { poolSize: 5 } }),
        description: `PostgreSQL at ${redactUrl(postgresUrl)} (from DATABASE_URL)`,
        embedded: false,
      }
    : {
        database: DatabaseFactory.createDatabase({ name: CLINIC_DB, url: 'pglite://memory' }),
        description: 'embedded PGlite in memory (set DATABASE_URL to use PostgreSQL)',
        embedded: true,
      };

  return [patients, clinic];
}
