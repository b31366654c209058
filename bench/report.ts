import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SuiteShape } from './runner';
import type { Results } from './types';

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** A plain-text table: one block per workload, one line per contender; CPU ratio columns for `compareCpu` suites. */
export function formatTable(suite: SuiteShape, results: Results): string {
  const lines: string[] = [];
  const cpu = suite.compareCpu === true;
  const baseCol = cpu ? 'x base' : `x ${suite.baseline}`;
  let header = `${pad('workload', 44)} ${pad('contender', 26)} ${pad('ops/s', 11, true)} ${pad(baseCol, 8, true)} ${pad('CPU µs/op', 10, true)}`;
  if (cpu) header += ` ${pad('CPU x base', 10, true)} ${pad('by round', 11, true)} ${pad('+CPU µs/op', 10, true)}`;
  lines.push(`== ${suite.title}`);
  if (cpu) {
    lines.push(
      `   (base = ${suite.baseline}; x base = ops/s ratio; CPU x base = client CPU ratio, median over turns of the ratio to the base's turn beside it; by round = the lowest and highest of one round; ` +
        '+CPU µs/op = client CPU over the base, median of the differences between turns timed side by side)',
    );
  }
  lines.push(header, '-'.repeat(header.length));
  for (const workload of suite.workloads) {
    const row = results[`${suite.keyPrefix}${workload.id}`];
    if (!row) continue;
    let first = true;
    for (const [name, r] of Object.entries(row)) {
      const label = first ? `${workload.id}: ${workload.label} (${workload.unit})` : '';
      let line = `${pad(label.slice(0, 44), 44)} ${pad(name, 26)} ${pad(r.opsPerSec.toLocaleString('en-US'), 11, true)} ${pad(r.ratio.toFixed(2), 8, true)} ${pad(r.cpuUsPerOp.toFixed(1), 10, true)}`;
      if (cpu) {
        const range = r.cpuRatioRange ? `${r.cpuRatioRange[0].toFixed(2)}–${r.cpuRatioRange[1].toFixed(2)}` : '-';
        line += ` ${pad(r.cpuRatio === undefined ? '-' : r.cpuRatio.toFixed(2), 10, true)} ${pad(range, 11, true)} ${pad(r.cpuDeltaUs === undefined ? '-' : r.cpuDeltaUs.toFixed(1), 10, true)}`;
      }
      lines.push(line);
      first = false;
    }
    lines.push('');
  }
  for (const note of suite.notes ?? []) lines.push(note);
  for (const line of suite.summary?.(results) ?? []) lines.push(line);
  return lines.join('\n');
}

/** The results of a run with the machine they were measured on (`machine`: Node, V8, CPU, load; see machine.ts). */
export function writeResults(path: string, machine: object, results: Results): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ machine, results }, null, 2)}\n`);
}

/**
 * One Markdown table for the whole suite: a row per workload, a column per contender, each cell the ops/s ratio to
 * the baseline and the client CPU µs per operation (the form the README shows).
 */
export function formatMatrix(suite: SuiteShape, results: Results): string {
  const names = suite.contenders.map((c) => c.name);
  const lines = [
    `| workload | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|`,
  ];
  for (const workload of suite.workloads) {
    const row = results[`${suite.keyPrefix}${workload.id}`];
    if (!row) continue;
    const cells = names.map((name) => {
      const r = row[name];
      return r ? `${r.ratio.toFixed(2)}× · ${Math.round(r.cpuUsPerOp).toLocaleString('en-US')} µs` : '–';
    });
    lines.push(`| ${workload.label} (per ${workload.unit}) | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
