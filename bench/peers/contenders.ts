import type { Contender } from '../types';

/** A contender of the peer comparison, loaded only in the process that runs it. */
export interface Peer {
  readonly name: string;
  load(): Promise<(url: string) => Contender>;
}

/** Every contender, raw postgres.js (the baseline) first. Names match each contender's `name`. */
export const PEERS: readonly Peer[] = [
  { name: 'raw postgres.js', load: async () => (await import('../contenders/raw')).rawContender },
  {
    name: 'raw postgres.js (control)',
    load: async () => {
      const { rawContender } = await import('../contenders/raw');
      return (url: string) => rawContender(url, true);
    },
  },
  { name: 'essencia', load: async () => (await import('../contenders/essencia')).essenciaContender },
  { name: 'drizzle', load: async () => (await import('../contenders/drizzle')).drizzleContender },
  { name: 'drizzle prepared', load: async () => (await import('../contenders/drizzle-prepared')).drizzlePreparedContender },
  { name: 'TypeORM', load: async () => (await import('./contenders/typeorm')).typeormContender },
  { name: 'MikroORM', load: async () => (await import('./contenders/mikro-orm')).mikroOrmContender },
  { name: 'Prisma', load: async () => (await import('./contenders/prisma')).prismaContender },
  { name: 'Sequelize', load: async () => (await import('./contenders/sequelize')).sequelizeContender },
];
