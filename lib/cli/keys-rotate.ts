import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DatabaseFactory } from '../database/database-factory';
import { type CliIO, UsageError } from './cli-io';
import { FailureGroups } from './failure-groups';
import { loadConfig } from './load-config';
import { progressReporter } from './progress';
import { rotateKeys, type RotationReport } from './rotate';

const OPTIONS = {
  database: { type: 'string', short: 'd' },
  config: { type: 'string', short: 'c' },
  model: { type: 'string', short: 'm' },
  'batch-size': { type: 'string', short: 'b' },
  'max-failures': { type: 'string' },
  'dry-run': { type: 'boolean' },
  sync: { type: 'boolean' },
} as const;

function wholeNumber(option: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} must be a whole number >= 1`);
  return n;
}

/**
 * The summary printed at the end of `keys rotate`. `groups` are the failures grouped by cause (see
 * {@link FailureGroups}).
 */
export function formatSummary(report: RotationReport, groups: readonly string[] = []): string {
  const verb = report.dryRun ? 'would rewrite' : 'rewritten';
  const lines = [`Key rotation of database '${report.database}' (active key '${report.activeKeyId}')${report.dryRun ? ', dry run' : ''}:`];
  for (const m of report.models) {
    const skipped = m.skipped > 0 ? `, ${m.skipped} skipped (changed during the run: run again)` : '';
    lines.push(`  ${m.model} (${m.collection}; ${m.fields.join(', ')}): ${m.scanned} scanned, ${m.rewritten} ${verb}, ${m.failed} failed${skipped}`);
  }
  if (report.models.length === 0) lines.push('  no model of this database has encrypted fields');
  lines.push(`Total: ${report.scanned} scanned, ${report.rewritten} ${verb}, ${report.failed} failed, ${report.skipped} skipped.`);
  if (groups.length > 0) lines.push('Failures by cause:', ...groups.map((g) => `  ${g}`));
  if (report.stoppedEarly) lines.push(`Stopped early at --max-failures: rows after the last one scanned were not looked at.`);
  if (report.failed > 0) {
    lines.push('Some values could not be decrypted (listed above): keep their key in the ring, fix them, and run again.');
  } else if (report.rewritten === 0 && report.skipped === 0) {
    lines.push(`Nothing to rotate: every encrypted value is already under the active key '${report.activeKeyId}'.`);
  } else if (report.dryRun) {
    lines.push('Dry run: nothing was written.');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `essencia keys rotate --database NAME [--config FILE] [--model M] [--batch-size N] [--max-failures N] [--dry-run]
 * [--sync]`: loads the config module (and says which), connects, re-encrypts stale values (see `rotateKeys`) and
 * prints a summary. The first failure of each cause is printed as it happens, the rest are counted and grouped in
 * the summary. Returns 0, or 1 when any value failed or was skipped.
 *
 * @example
 * process.exitCode = await keysRotate(['--database', 'pg_main', '--dry-run'], processIO());
 */
export async function keysRotate(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  if (!values.database) throw new UsageError('keys rotate needs --database NAME');
  const batchSize = wholeNumber('--batch-size', values['batch-size']) ?? 500;
  const maxFailures = wholeNumber('--max-failures', values['max-failures']);
  const groups = new FailureGroups();
  try {
    const configPath = await loadConfig(io.cwd, values.config);
    io.stderr.write(`Config module: ${configPath}\n`);
    const database = DatabaseFactory.getDatabase(values.database);
    await database.connect();
    if (values.sync) await database.sync();
    const report = await rotateKeys(database, {
      model: values.model,
      batchSize,
      dryRun: values['dry-run'] === true,
      maxFailures,
      onProgress: progressReporter(io),
      onFailure: (failure) => {
        if (groups.add(failure)) io.stderr.write(`failed: ${failure.reason} (more failures like this one are counted in the summary)\n`);
      },
    });
    io.stdout.write(formatSummary(report, groups.lines()));
    return report.failed > 0 || report.skipped > 0 ? 1 : 0;
  } finally {
    await DatabaseFactory.closeAll();
  }
}
