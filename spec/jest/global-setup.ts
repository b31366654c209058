import { DatabaseFactory } from '../../lib';
import type { DriverCapabilities } from '../../lib/drivers/driver';
import { backends, describeBackends, type Backend } from '../support/backends';
import { startStandIn, stopStandIns, type StandIn } from './mongo-standins';
import { RUN_ENV } from './run-env';

interface Probe {
  capabilities: DriverCapabilities;
  /** The server is the mongomock-wire stand-in, which isolates nothing between sessions. */
  standIn: boolean;
}

/**
 * Reads a backend's capabilities once, before any test file is registered. A server is connected (a MongoDB
 * server's capabilities depend on its deployment); the embedded engine's are known without its slow start.
 */
async function probe(backend: Backend, url: string): Promise<Probe> {
  const name = `capabilities_probe_${backend.name}`;
  const db = DatabaseFactory.createDatabase({ name, url, options: { connectTimeoutMs: 30_000 } });
  try {
    if (!backend.embedded) await db.connect();
    const standIn = (db.driver as { deployment?: string }).deployment === 'standIn';
    return { capabilities: { ...db.driver.capabilities }, standIn };
  } catch (e) {
    throw new Error(`${backend.name} (${backend.envVar}) is configured but cannot be used: ${(e as Error).message}`);
  } finally {
    await DatabaseFactory.removeDatabase(name);
  }
}

/** Starts `count` stand-ins; when one fails, stops the others and throws. */
async function startStandIns(count: number): Promise<StandIn[]> {
  const settled = await Promise.allSettled(Array.from({ length: Math.max(0, count) }, startStandIn));
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    stopStandIns(started.map((s) => s.pid));
    throw failed.reason;
  }
  return started;
}

/**
 * jest's global setup: prints the backend banner, publishes each configured backend's capabilities to the
 * workers, and gives every worker a MongoDB stand-in of its own (a rollback there restores every database
 * of that server, so two test files must never share one).
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const capabilities: Record<string, DriverCapabilities> = {};
  const notes: string[] = [];
  for (const backend of backends()) {
    if (!backend.url) continue;
    const found = await probe(backend, backend.url);
    capabilities[backend.name] = found.capabilities;
    if (backend.name === 'mongodb' && found.standIn) {
      // Fresh ones, so that neither what the configured one holds nor another run using it can interfere.
      const started = await startStandIns(globalConfig.maxWorkers);
      process.env[RUN_ENV.standInPids] = started.map((s) => s.pid).join(' ');
      // Also when jest stops without its global teardown (interrupted, or a failed setup).
      process.once('exit', () => stopStandIns(started.map((s) => s.pid)));
      process.env[RUN_ENV.mongoUrls] = JSON.stringify(started.map((s) => s.url));
      notes.push(`  mongodb is the test stand-in: this run started one per jest worker (${started.map((s, i) => `worker ${i + 1} ${s.url}`).join(', ')})`);
    }
  }
  process.env[RUN_ENV.capabilities] = JSON.stringify(capabilities);
  const banner = [describeBackends().trimEnd(), ...notes].join('\n');
  process.env[RUN_ENV.banner] = banner;
  process.stderr.write(`\n${banner}\n\n`);
}
