import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './pg-cluster';

const python = process.env.MONGO_STANDIN_PYTHON ?? '/usr/bin/python3';
const tool = join(__dirname, '..', '..', 'scripts', 'mongomock-wire.py');

/** Whether the MongoDB stand-in (scripts/mongomock-wire.py) can run here. */
export function standInAvailable(): boolean {
  try {
    execFileSync(python, ['-c', 'import mongomock, bson'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A MongoDB stand-in this test owns, so that it can kill it and start it again on the same port. */
export class StandInProcess {
  #child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<StandInProcess> {
    const standIn = new StandInProcess(await freePort());
    await standIn.restart();
    return standIn;
  }

  get url(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  /** Starts it (again) on its port, empty, and waits until it listens. */
  async restart(): Promise<void> {
    this.#child = spawn(python, [tool, String(this.port)], { stdio: 'ignore' });
    const end = Date.now() + 15_000;
    while (!(await listening(this.port))) {
      if (Date.now() > end || this.#child.exitCode !== null) throw new Error(`the MongoDB stand-in did not start on port ${this.port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills it (SIGKILL: no goodbye to its clients) and waits for it to exit. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}
