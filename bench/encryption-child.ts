// One contender of the encryption A/B in a process of its own, timed in lock-step with the others (run through
// runLockstep). Usage: node encryption-child.js <contender name>
import { config } from './config';
import { encryptionContenders } from './contenders/encryption';
import { serveLockstep } from './lockstep';
import { encryptionWorkloads } from './workloads';

const [name] = process.argv.slice(2);
const contender = encryptionContenders(config.url).find((c) => c.name === name);
if (!contender) {
  console.error(`unknown contender '${name}'`);
  process.exit(1);
}
serveLockstep(contender, encryptionWorkloads().filter((w) => !config.workloads || config.workloads.includes(w.id)));
