// One contender of the peer comparison, one round, in a process of its own (run by main.ts).
// Usage: node child.js <contender name> <round>
import { config } from '../config';
import { runContenderProcess } from '../isolated';
import { postgresWorkloads } from '../workloads';
import { PEERS } from './contenders';

async function main(): Promise<void> {
  const [name, round] = process.argv.slice(2);
  const peer = PEERS.find((p) => p.name === name);
  if (!peer) throw new Error(`unknown contender '${name}'`);
  const workloads = postgresWorkloads().filter((w) => !config.workloads || config.workloads.includes(w.id));
  await runContenderProcess((await peer.load())(config.url), workloads, Number(round));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
