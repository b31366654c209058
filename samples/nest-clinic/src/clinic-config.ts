import { Injectable, Logger } from '@nestjs/common';
import { configureEncryption, generateEncryptionKey, hasEncryptionKey } from 'essencia';
import type { EssenciaModuleOptions, EssenciaOptionsFactory } from 'essencia/nestjs';
import { CLINIC_DB, PATIENTS_DB } from './models';

/**
 * The databases from the environment (a real app would read them with @nestjs/config the same way):
 * patients_db is MongoDB when MONGODB_URL is set, clinic_db PostgreSQL when DATABASE_URL is set; each is
 * otherwise an embedded PGlite in memory. Without ESSENCIA_ENCRYPTION_KEY a throwaway key is made, and said.
 */
@Injectable()
export class ClinicConfig implements EssenciaOptionsFactory {
  createEssenciaOptions(): EssenciaModuleOptions {
    if (!hasEncryptionKey()) {
      new Logger('ClinicConfig').warn('ESSENCIA_ENCRYPTION_KEY is not set; using a key that lives only in this process');
      configureEncryption({ keys: [{ id: 'ephemeral', key: generateEncryptionKey() }] });
    }
    const mongo = process.env.MONGODB_URL?.trim();
    const postgres = process.env.DATABASE_URL?.trim();
    return {
      databases: [
        { name: PATIENTS_DB, url: mongo || 'pglite://memory' },
        { name: CLINIC_DB, url: postgres || 'pglite://memory', options: { poolSize: 5 } },
      ],
      sync: true,
      retry: { attempts: 3, delayMs: 1000 },
    };
  }
}
