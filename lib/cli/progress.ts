import type { CliIO } from './cli-io';
import type { ModelRotation } from './rotate';

/** Receives rotation progress; see {@link progressReporter}. */
export type ProgressReporter = (progress: Readonly<ModelRotation>, done: boolean) => void;

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

function counts(p: Readonly<ModelRotation>): string {
  const skipped = p.skipped > 0 ? `, ${p.skipped} skipped` : '';
  return `${p.scanned}/${p.total} scanned, ${p.rewritten} rewritten, ${p.failed} failed${skipped}`;
}

function bar(p: Readonly<ModelRotation>): string {
  const ratio = p.total > 0 ? Math.min(1, p.scanned / p.total) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%`;
}

/**
 * Progress on stderr: a bar redrawn in place on a terminal (at most every 100 ms), plain lines otherwise
 * (one per batch), so logs of CI jobs and cron stay readable.
 *
 * @example
 * await rotateKeys(db, { onProgress: progressReporter(processIO()) });
 */
export function progressReporter(io: CliIO): ProgressReporter {
  const tty = io.stderr.isTTY === true;
  let last = 0;
  return (p, done) => {
    if (!tty) {
      io.stderr.write(`${p.model}: ${counts(p)}${done ? ' (done)' : ''}\n`);
      return;
    }
    const now = Date.now();
    if (!done && now - last < REDRAW_MS) return;
    last = now;
    io.stderr.write(`\r\x1b[K${p.model} ${bar(p)} ${counts(p)}${done ? '\n' : ''}`);
  };
}
