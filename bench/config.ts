/** Environment knobs of the benchmark. */

function number(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

function list(name: string): string[] | undefined {
  const raw = process.env[name];
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

export const config = {
  url: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/essencia_bench',
  rounds: Math.max(1, Math.round(number('BENCH_ROUNDS', 3))),
  scale: number('BENCH_SCALE', 1),
  poolSize: 10,
  /** Only these contenders / workloads (comma-separated names), e.g. for a CPU profile of one of them. */
  contenders: list('BENCH_CONTENDERS'),
  workloads: list('BENCH_WORKLOADS'),
  /** Only these sections (comma-separated): postgres, mysql, mongo, encryption, sqlite. */
  sections: list('BENCH_SECTIONS'),
  /** The MySQL / MariaDB section runs when this is set. */
  mysqlUrl: process.env.MYSQL_URL || undefined,
  /** The MongoDB section runs when this is set (a real mongod, or scripts/mongo-standin.sh). */
  mongoUrl: process.env.MONGODB_URL || undefined,
  /** Where the JSON results go; empty string: nowhere. */
  out: process.env.BENCH_OUT ?? 'bench/results/latest.json',
};

/** `n` scaled by BENCH_SCALE, never below `min`. */
export function scaled(n: number, min = 1): number {
  return Math.max(min, Math.round(n * config.scale));
}

/** Every contender connects with these postgres.js options. */
export const connectionOptions = {
  max: config.poolSize,
  onnotice: () => undefined,
  connection: { synchronous_commit: 'off' },
};
