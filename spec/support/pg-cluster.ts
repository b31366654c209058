import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Throwaway PostgreSQL clusters for fault and replica tests: initdb'd into a temporary folder, on a free port, started
 * and stopped by the test with the machine's own server binaries. The shared server is never touched.
 */

/** The folder of the newest installed PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup), if any. */
export function pgBinDir(): string | undefined {
  const fromEnv = process.env.ESSENCIA_PG_BINDIR;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    return existsSync(join(dir, 'initdb')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The PostgreSQL server refuses to run as root: as root, the binaries run as the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[]): Promise<string> {
  const user = runAs();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${bin} ${args.join(' ')} exited with ${code}: ${output}`))));
  });
}

function makeDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  return dir;
}

/** One throwaway cluster (a primary, or a streaming replica of one). */
export class PgCluster {
  private constructor(
    private readonly bin: string,
    readonly root: string,
    readonly port: number,
  ) {}

  private get data(): string {
    return join(this.root, 'data');
  }

  /** initdb + start, trust authentication for `postgres` on 127.0.0.1 (replication included). */
  static async create(settings: Record<string, string> = {}): Promise<PgCluster> {
    const bin = pgBinDir();
    if (!bin) throw new Error('no PostgreSQL server binaries found (initdb); set ESSENCIA_PG_BINDIR');
    const cluster = new PgCluster(bin, makeDir('essencia-pg-'), await freePort());
    await run(join(bin, 'initdb'), ['-D', cluster.data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    cluster.configure({ wal_level: 'replica', max_wal_senders: '5', hot_standby: 'on', ...settings });
    await cluster.start();
    return cluster;
  }

  /** A streaming replica of this cluster (pg_basebackup -R), started on its own port. */
  async replica(settings: Record<string, string> = {}): Promise<PgCluster> {
    const replica = new PgCluster(this.bin, makeDir('essencia-pg-replica-'), await freePort());
    await run(join(this.bin, 'pg_basebackup'), ['-D', replica.data, '-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-R', '-X', 'stream', '--no-sync']);
    replica.configure(settings);
    await replica.start();
    return replica;
  }

  private configure(settings: Record<string, string>): void {
    const all: Record<string, string> = {
      port: String(this.port),
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: `'${this.root}'`,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: '60',
      shared_buffers: '16MB',
      ...settings,
    };
    const lines = Object.entries(all).map(([k, v]) => `${k} = ${v}`);
    appendFileSync(join(this.data, 'postgresql.conf'), `\n${lines.join('\n')}\n`);
  }

  /** A URL for `database` (default `postgres`). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await run(join(this.bin, 'pg_ctl'), ['-D', this.data, '-l', join(this.root, 'server.log'), '-w', '-t', '30', 'start']);
  }

  /** Stops the server: `fast` rolls back open transactions, `immediate` is a crash. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await run(join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', mode, '-w', '-t', '30', 'stop']);
  }

  /** Stops the server if it runs and deletes its folder. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }
}
