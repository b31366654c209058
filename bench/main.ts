import { config } from './config';
import { drizzleContender } from './contenders/drizzle';
import { drizzlePreparedContender } from './contenders/drizzle-prepared';
import { essenciaContender } from './contenders/essencia';
import { rawContender } from './contenders/raw';
import { ensureDatabase } from './db';
import { formatTable, writeResults } from './report';
import { runSuite } from './runner';
import type { Contender, Results, Suite } from './types';
import { postgresWorkloads } from './workloads';

function pick<T extends { id?: string; name?: string }>(items: T[], names: string[] | undefined, key: (t: T) => string): T[] {
  return names ? items.filter((item) => names.includes(key(item))) : items;
}

async function printSettings(contenders: readonly Contender[]): Promise<void> {
  const parts: string[] = [];
  for (const c of contenders) {
    const settings = (await c.settings?.()) ?? {};
    parts.push(`${c.name}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }
  console.log(`connection settings: ${parts.join(' | ')}`);
}

async function main(): Promise<void> {
  await ensureDatabase(config.url);
  const all = [rawContender(config.url), drizzleContender(config.url), drizzlePreparedContender(config.url), essenciaContender(config.url)];
  const contenders = pick(all, config.contenders, (c) => c.name);
  const postgres: Suite = {
    title: `PostgreSQL (rounds=${config.rounds}, scale=${config.scale}, pool=${config.poolSize}, synchronous_commit=off)`,
    keyPrefix: '',
    baseline: 'raw postgres.js',
    contenders,
    workloads: pick(postgresWorkloads(), config.workloads, (w) => w.id),
  };

  const started = Date.now();
  console.log(`essencia bench: ${postgres.title}`);
  const results: Results = {};
  // Settings are checked on connections opened exactly as the timed ones are.
  for (const c of contenders) await c.setup();
  await printSettings(contenders);
  for (const c of contenders) await c.teardown();

  for (const suite of [postgres]) {
    Object.assign(results, await runSuite(suite, { rounds: config.rounds, log: (line) => console.log(line) }));
    console.log(`\n${formatTable(suite, results)}`);
  }
  if (config.out) {
    writeResults(config.out, results);
    console.log(`results: ${config.out}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
