import { createInterface } from 'node:readline';
import { configureEncryption, DatabaseFactory } from '../../lib';
import { cacheModels } from './cache-models';

/**
 * An app process of the cache tests, run with node from the test build: it opens the database named by
 * CACHE_CHILD_NAME with a Redis cache and answers one JSON command per stdin line with one JSON line:
 * `{ op: 'create', name, email }`, `{ op: 'read', id }`, `{ op: 'rename', id, name }`, `{ op: 'local' }` (its
 * in-process entries), `{ op: 'stats' }`. It prints `{ ready: true }` once connected.
 */
async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const name = env('CACHE_CHILD_NAME');
  configureEncryption({ keys: [{ id: 'child', key: env('CACHE_CHILD_KEY') }] });
  const { CachedPerson } = cacheModels(name, 'cache_child', 3600);
  const db = DatabaseFactory.createDatabase({
    name,
    url: env('DATABASE_URL'),
    cache: { url: env('REDIS_URL'), prefix: env('CACHE_CHILD_PREFIX'), localTtlMs: Number(env('CACHE_CHILD_LOCAL_TTL_MS')), timeoutMs: 2000 },
  });
  await db.connect();
  await db.sync();
  const answer = async (command: { op: string; id?: string; name?: string; email?: string }): Promise<unknown> => {
    switch (command.op) {
      case 'create':
        return { id: (await CachedPerson.create({ name: command.name!, email: command.email! })).id };
      case 'read':
        return { name: (await CachedPerson.findById(command.id!))?.name ?? null };
      case 'rename': {
        const person = (await CachedPerson.findById(command.id!))!;
        person.name = command.name!;
        await person.save();
        return { ok: true };
      }
      case 'local':
        return { texts: db.cache.localEntries() };
      case 'stats':
        return db.cache.stats();
      default:
        throw new Error(`unknown op ${command.op}`);
    }
  };
  let queue = Promise.resolve();
  createInterface({ input: process.stdin }).on('line', (line) => {
    queue = queue.then(async () => {
      try {
        process.stdout.write(`${JSON.stringify(await answer(JSON.parse(line) as { op: string }))}\n`);
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
      }
    });
  });
  process.stdin.on('end', () => void queue.then(() => DatabaseFactory.closeAll()));
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
