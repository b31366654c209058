// One contender of the encryption A/B, one round, in a process of its own (run through runIsolated).
// Usage: node encryption-child.js <contender name> <round>
import { config } from './config';
import { encryptionContenders } from './contenders/encryption';
import { runContenderProcess } from './isolated';
import { encryptionWorkloads } from './workloads';

async function main(): Promise<void> {
  const [name, round] = process.argv.slice(2);
  const contender = encryptionContenders(config.url).find((c) => c.name === name);
  if (!contender) throw new Error(`unknown contender '${name}'`);
  const workloads = encryptionWorkloads().filter((w) => !config.workloads || config.workloads.includes(w.id));
  await runContenderProcess(contender, workloads, Number(round));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
