// One contender of a section in a process of its own, timed in lock-step with the others (see lockstep.ts).
// Usage: node contender-child.js <section> <contender name>
import { serveLockstep } from './lockstep';
import { isContenderSection, narrowed, suiteOf } from './suites';

async function main(): Promise<void> {
  const [section, name] = process.argv.slice(2);
  if (!section || !isContenderSection(section)) throw new Error(`unknown section '${section}'`);
  const suite = narrowed((await suiteOf(section))!);
  const contender = suite?.contenders.find((c) => c.name === name);
  if (!suite || !contender) throw new Error(`unknown contender '${name}' in section '${section}'`);
  serveLockstep(contender, suite.workloads);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
