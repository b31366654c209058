import type { ModelCopy } from '../copy/copy-types';
import type { CliIO } from './cli-io';

const REDRAW_MS = 200;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Copy progress on stderr: rows copied of the total, rows per second and the time left, per model. Redrawn in
 * place on a terminal (at most every 200 ms), one line per batch otherwise.
 *
 * @example
 * await copyData({ from: 'a', to: 'b', onProgress: copyProgress(processIO()) });
 */
export function copyProgress(io: CliIO, now: () => number = Date.now): (progress: Readonly<ModelCopy>, done: boolean) => void {
  const tty = io.stderr.isTTY === true;
  let model = '';
  let started = 0;
  let last = 0;
  return (p, done) => {
    const time = now();
    if (p.model !== model) {
      model = p.model;
      started = time;
    }
    if (tty && !done && time - last < REDRAW_MS) return;
    last = time;
    const fresh = p.copied - p.resumedFrom;
    const seconds = Math.max(time - started, 1) / 1000;
    const rate = fresh / seconds;
    const left = Math.max(p.total - p.copied, 0);
    const what = p.verifiedOnly ? 'already copied, verified only' : `${p.copied}/${p.total} rows, ${Math.round(rate)} rows/s, ETA ${done ? '0s' : duration(rate > 0 ? left / rate : Infinity)}`;
    const line = `${p.model}: ${what}${done ? ' (done)' : ''}`;
    io.stderr.write(tty ? `\r\x1b[K${line}${done ? '\n' : ''}` : `${line}\n`);
  };
}
