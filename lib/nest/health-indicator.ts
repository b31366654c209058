import { Injectable } from '@nestjs/common';
import { DatabaseFactory } from '../database/database-factory';
import { describeError } from './connect-with-retry';

/** The state of one database, in the shape of a @nestjs/terminus indicator result. */
export interface DatabaseHealth {
  status: 'up' | 'down';
  /** Why it is down (the driver's message; never a password). */
  message?: string;
}

/**
 * Pings every registered database with a real round trip.
 *
 * @example
 * const health = await indicator.pingCheck();   // { pg_main: { status: 'up' }, mongodb_main: { status: 'down', message } }
 */
@Injectable()
export class EssenciaHealthIndicator {
  async pingCheck(): Promise<Record<string, DatabaseHealth>> {
    const entries = await Promise.all(
      DatabaseFactory.databases().map(async (db): Promise<[string, DatabaseHealth]> => {
        try {
          await db.ping();
          return [db.name, { status: 'up' }];
        } catch (error) {
          return [db.name, { status: 'down', message: describeError(error) }];
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  /** True when every database answers. */
  async isHealthy(): Promise<boolean> {
    return Object.values(await this.pingCheck()).every((h) => h.status === 'up');
  }
}
