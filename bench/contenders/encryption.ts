import { randomBytes } from 'node:crypto';
import {
  configureEncryption,
  DatabaseFactory,
  EncryptedCPF,
  Field,
  Index,
  IsCPF,
  isCPF,
  Model,
  type Database,
  type DatabaseConfig,
} from '../../lib';
import { connectionOptions } from '../config';
import { benchCpf } from '../cpf';
import { rowOfCall, seededOfCall } from '../data';
import type { BenchRow, Contender, Fixture, NewRow } from '../types';
import { IN_PROCESS_CALLS_FACTOR } from '../workloads';
import { BenchUserFields } from './active-record';
import { sqlOf } from './essencia';

/** The bench row plus a CPF. */
type CpfRow = NewRow & { cpf: string };

@Model({ database: 'bench_enc_plain', collection: 'bench_enc_plain' })
class PlainCpfUser extends BenchUserFields {
  @Field() @Index() cpf!: string;
}

/** The plain model plus the CPF check that @EncryptedCPF() brings along (splits validation from crypto). */
@Model({ database: 'bench_enc_rule', collection: 'bench_enc_rule' })
class CheckedCpfUser extends BenchUserFields {
  @Field() @IsCPF() @Index() cpf!: string;
}

@Model({ database: 'bench_enc_cipher', collection: 'bench_enc_cipher' })
class EncryptedCpfUser extends BenchUserFields {
  @EncryptedCPF() @Index() cpf!: string;
}

type CpfModel = typeof PlainCpfUser | typeof CheckedCpfUser | typeof EncryptedCpfUser;

/** The CPF of insert call `i` (warm-up calls are negative) and of seeded row `k`: distinct ranges. */
const insertCpf = (i: number): string => benchCpf(i < 0 ? 500_000_000 - 1 - i : i);
const seededCpf = (k: number): string => benchCpf(200_000_000 + k);

/** A throwaway key for the bench, configured in code (wins over ESSENCIA_ENCRYPTION_KEY). */
let keyConfigured = false;
function configureBenchKey(): void {
  if (keyConfigured) return;
  configureEncryption({ keys: [{ id: 'bench', key: randomBytes(32) }], activeKeyId: 'bench' });
  keyConfigured = true;
}

/** Where the encryption section runs: the database, how to empty a table, and the settings the report prints. */
export interface CpfBackend {
  /** What the section's title names. */
  readonly label: string;
  /** Results keys start with it. */
  readonly keyPrefix: string;
  /** Times the encryption workloads' calls and warm-up (IN_PROCESS_CALLS_FACTOR where no round trip separates calls). */
  readonly callsFactor: number;
  readonly url: string;
  readonly options?: DatabaseConfig['options'];
  empty(table: string): string;
  settings(run: ReturnType<typeof sqlOf>): Promise<Record<string, string>>;
}

/** PostgreSQL at `url`, on pools like the PostgreSQL section's. */
export function postgresCpfBackend(url: string): CpfBackend {
  return {
    label: `PostgreSQL (pool=${connectionOptions.max})`,
    keyPrefix: 'enc:',
    callsFactor: 1,
    url,
    options: { poolSize: connectionOptions.max, driverOptions: { connection: connectionOptions.connection } },
    empty: (table) => `TRUNCATE ${table}`,
    async settings(run) {
      const { rows } = await run(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String(rows[0]!.synchronous_commit) };
    },
  };
}

/** An in-memory SQLite database: no round trip, so the figure is the code's own cost, called back to back. */
export const sqliteCpfBackend: CpfBackend = {
  label: `SQLite in process (in memory, ${IN_PROCESS_CALLS_FACTOR}x the calls)`,
  keyPrefix: 'enc-sqlite:',
  callsFactor: IN_PROCESS_CALLS_FACTOR,
  url: 'sqlite::memory:',
  empty: (table) => `DELETE FROM ${table}`,
  settings: async () => ({ database: 'memory' }),
};

/** `database` is the model's database name, and its table's name too. */
function cpfContender(name: string, model: CpfModel, database: string, backend: CpfBackend, encrypted: boolean): Contender {
  let db!: Database;
  let run!: ReturnType<typeof sqlOf>;
  const M = model as unknown as typeof PlainCpfUser;

  return {
    name,
    async setup() {
      if (encrypted) configureBenchKey();
      db = DatabaseFactory.createDatabase({ name: database, url: backend.url, options: backend.options });
      await db.connect();
      run = sqlOf(db);
      await run(`DROP TABLE IF EXISTS ${database}`);
      await db.sync();
    },
    async teardown() {
      await DatabaseFactory.removeDatabase(database);
    },
    async reset() {
      await run(backend.empty(database));
    },
    async seed(rows: readonly BenchRow[]) {
      await M.insertMany(
        rows.map((row, k) => ({ ...row, cpf: seededCpf(k) })),
        { batchSize: 1000 },
      );
    },
    settings: () => backend.settings(run),
    workloads: {
      'insert-one': (fx: Fixture) => {
        // Rows with their CPFs are built before timing; the op is the create alone.
        const warm: CpfRow[] = fx.warmupRows.map((_, k) => ({ ...rowOfCall(fx, -1 - k), cpf: insertCpf(-1 - k) }));
        const timed: CpfRow[] = fx.timedRows.map((_, k) => ({ ...rowOfCall(fx, k), cpf: insertCpf(k) }));
        return (i) => M.create(i < 0 ? warm[-1 - i]! : timed[i]!);
      },
      'find-by-cpf': (fx: Fixture) => {
        const cpfs = fx.seeded.map((_, k) => seededCpf(k));
        return async (i) => {
          const cpf = seededOfCall(cpfs, i);
          const found = await M.findOne({ cpf });
          if (found === null || found.cpf !== cpf) throw new Error(`find-by-cpf: ${name} did not find its row`);
          return found;
        };
      },
    },
  };
}

/** Checks the CPF generator against the library's validator once (untimed). */
export function assertBenchCpfs(): void {
  for (const cpf of [insertCpf(-1), insertCpf(0), insertCpf(12345), seededCpf(0), seededCpf(1999)]) {
    if (!isCPF(cpf)) throw new Error(`bench CPF ${cpf} is not valid`);
  }
}

/** The same model three times: plain `@Field() cpf`, plus `@IsCPF()`, and `@EncryptedCPF()` (the one that matters). */
export function encryptionContenders(backend: CpfBackend): Contender[] {
  return [
    cpfContender('plain', PlainCpfUser, 'bench_enc_plain', backend, false),
    cpfContender('plain+@IsCPF', CheckedCpfUser, 'bench_enc_rule', backend, false),
    cpfContender('encrypted', EncryptedCpfUser, 'bench_enc_cipher', backend, true),
  ];
}
