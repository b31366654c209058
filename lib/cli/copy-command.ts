import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { copyData } from '../copy/copy-data';
import type { CopyReport } from '../copy/copy-types';
import { DatabaseFactory } from '../database/database-factory';
import { type CliIO, UsageError } from './cli-io';
import { copyProgress } from './copy-progress';
import { loadConfig } from './load-config';

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  config: { type: 'string', short: 'c' },
  model: { type: 'string', short: 'm', multiple: true },
  'batch-size': { type: 'string', short: 'b' },
  resume: { type: 'boolean' },
  verify: { type: 'boolean' },
} as const;

/** The summary printed at the end of `copy`: per-model counts and, with --verify, what differs. */
export function formatCopySummary(report: CopyReport): string {
  const lines = [`Copy from '${report.from}' to '${report.to}':`];
  for (const m of report.models) {
    const resumed = m.resumedFrom > 0 ? ` (resumed after ${m.resumedFrom})` : '';
    const copied = m.verifiedOnly ? 'already copied, nothing written' : `${m.copied} rows copied${resumed}`;
    const v = m.verification;
    const check = !v ? '' : v.ok ? `, verified (${v.targetCount} rows, checksums match)` : `, MISMATCH: ${v.sourceCount} rows in the source, ${v.targetCount} in the target; ids that differ: ${v.differingIds.join(', ')}`;
    lines.push(`  ${m.model} (${m.collection}): ${copied}${check}`);
  }
  if (report.models.length === 0) lines.push('  the source database has no models');
  lines.push(`Total: ${report.copied} rows copied.`);
  return `${lines.join('\n')}\n`;
}

/**
 * `essencia copy --from A --to B [--config FILE] [--model M]... [--batch-size N] [--resume] [--verify]`: loads the
 * config module, copies (see `copyData`) with a progress line and prints a summary. Returns 0, or 1 when the
 * verification found differences.
 *
 * @example
 * process.exitCode = await copyCommand(['--from', 'mongodb_main', '--to', 'pg_main'], processIO());
 */
export async function copyCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  if (!values.from || !values.to) throw new UsageError('copy needs --from NAME and --to NAME');
  const raw = values['batch-size'];
  if (raw !== undefined && (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw)))) throw new UsageError('--batch-size must be a whole number >= 1');
  try {
    const configPath = await loadConfig(io.cwd, values.config);
    io.stderr.write(`Config module: ${configPath}\n`);
    const report = await copyData({
      from: values.from,
      to: values.to,
      models: values.model,
      batchSize: raw === undefined ? undefined : Number(raw),
      resume: values.resume === true,
      verify: values.verify === true,
      onProgress: copyProgress(io),
    });
    io.stdout.write(formatCopySummary(report));
    return report.ok ? 0 : 1;
  } finally {
    await DatabaseFactory.closeAll();
  }
}
