import { createClient } from 'redis';

/** The Redis the tests use (REDIS_URL), or undefined when it is not configured here. */
export const redisUrl = (): string | undefined => process.env.REDIS_URL || undefined;

/** A key prefix no other test file or run shares. */
export function testPrefix(what: string): string {
  return `essencia-test:${what}:${process.pid}:${Date.now().toString(36)}:`;
}

const clientFor = (url: string) => createClient({ url });
export type TestRedis = ReturnType<typeof clientFor>;

/** A plain node-redis client for inspecting and tampering with what the cache stored. */
export async function inspector(url: string): Promise<TestRedis> {
  const client = clientFor(url);
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Every key under `prefix` with its value (SCAN: tests only, never the cache's hot path). */
export async function dump(client: TestRedis, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    for (const key of (Array.isArray(batch) ? batch : [batch]) as string[]) {
      const value = await client.get(key);
      if (value !== null) out.set(key, value);
    }
  }
  return out;
}

/** Deletes every key under `prefix`. */
export async function dropPrefix(client: TestRedis, prefix: string): Promise<void> {
  const keys = [...(await dump(client, prefix)).keys()];
  if (keys.length) await client.del(keys);
}

/** Waits (turn by turn of the event loop, no clock) until `condition` holds. */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}
