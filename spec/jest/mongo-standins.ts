import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** One MongoDB wire-protocol stand-in started for a jest worker. */
export interface StandIn {
  readonly url: string;
  readonly pid: number;
}

const script = join(__dirname, '..', '..', 'scripts', 'mongo-standin.sh');

/** Starts a stand-in with scripts/mongo-standin.sh and returns its URL and process id. */
export async function startStandIn(): Promise<StandIn> {
  const pidFile = join(mkdtempSync(join(tmpdir(), 'essencia-jest-standin-')), 'pid');
  const { stdout } = await promisify(execFile)('bash', [script], { env: { ...process.env, MONGO_STANDIN_PIDFILE: pidFile } });
  const url = /^MONGODB_URL=(\S+)$/m.exec(stdout)?.[1];
  if (!url) throw new Error(`scripts/mongo-standin.sh printed no MONGODB_URL line: ${stdout}`);
  return { url, pid: Number(readFileSync(pidFile, 'utf8').trim()) };
}

/** Stops stand-ins this run started (one that already exited is ignored). */
export function stopStandIns(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid);
    } catch {
      // already gone
    }
  }
}
