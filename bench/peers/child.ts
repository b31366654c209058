// One contender of the peer comparison in a process of its own, timed in lock-step with the others (run by main.ts).
// Usage: node child.js <contender name>
import { config } from '../config';
import { serveLockstep } from '../lockstep';
import { postgresWorkloads } from '../workloads';
import { PEERS } from './contenders';

async function main(): Promise<void> {
  const [name] = process.argv.slice(2);
  const peer = PEERS.find((p) => p.name === name);
  if (!peer) throw new Error(`unknown contender '${name}'`);
  const workloads = postgresWorkloads().filter((w) => !config.workloads || config.workloads.includes(w.id));
  serveLockstep((await peer.load())(config.url), workloads);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
