import { Note } from './nest-models';
import { modelMeta } from '../../../lib/metadata/model-meta';
import type { NestBackend } from './nest-backend';

/** Drops the notes table / collection on a server backend (a fresh PGlite copy has none), bypassing essencia. */
export async function dropNotes(backend: NestBackend): Promise<void> {
  const table = modelMeta(Note).collection;
  if (backend.name === 'postgres') {
    const postgres = (await import('postgres')).default;
    const sql = postgres(backend.backend.url!, { max: 1, onnotice: () => undefined });
    await sql.unsafe(`drop table if exists "${table}"`);
    await sql.end();
  } else if (backend.name === 'mariadb') {
    const mysql = (await import('mysql2/promise')).default;
    const conn = await mysql.createConnection({ uri: backend.backend.url! });
    await conn.query(`drop table if exists \`${table}\``);
    await conn.end();
  } else if (backend.name === 'mongodb') {
    const { MongoClient } = await import('mongodb');
    const client = await new MongoClient(backend.backend.url!).connect();
    const name = new URL(backend.backend.url!).pathname.slice(1) || 'essencia';
    await client.db(name).dropCollection(table).catch(() => undefined);
    await client.close();
  }
}
