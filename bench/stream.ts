import { DatabaseFactory, Field, Model } from '../lib';
import { config } from './config';
import { BenchUserFields } from './contenders/active-record';
import { MONGO_DATABASE } from './contenders/mongo-data';
import { newRows } from './data';

const gc = (globalThis as { gc?: () => void }).gc;

/** The heap growth target of a stream, whatever the number of rows. */
export const STREAM_HEAP_TARGET_MB = 50;
const LOAD_BATCH = 5_000;
const STREAM_BATCH = 1_000;
/** Heap samples taken over one stream (each after a full collection). */
const SAMPLES = 20;

@Model({ database: 'bench_stream', collection: 'bench_stream' })
class StreamRow extends BenchUserFields {
  @Field() payload!: string;
}

export interface StreamTarget {
  readonly backend: string;
  readonly url: string;
  readonly rows: number;
  /** Why fewer rows than asked, when so. */
  readonly note?: string;
}

interface StreamFigures {
  readonly loadSeconds: number;
  readonly streamSeconds: number;
  readonly heapPeakMb: number;
  readonly rssPeakMb: number;
}

function heapAfterGc(): number {
  if (!gc) throw new Error('the stream section needs node --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number): number => bytes / 1_048_576;

/** Loads `rows` rows (a 100-character payload each) into a fresh table, then streams them all, sampling the heap. */
async function measureStream(target: StreamTarget): Promise<StreamFigures> {
  const mongo = target.url.startsWith('mongodb');
  // The stand-in serves one command at a time; a long insert must not time out the driver's monitor (10 s by default).
  const mongoOptions = { databaseName: MONGO_DATABASE, options: { connectTimeoutMs: 300_000 } };
  const db = DatabaseFactory.createDatabase({ name: 'bench_stream', url: target.url, ...(mongo ? mongoOptions : {}) });
  try {
    await db.connect();
    await db.sync();
    await StreamRow.deleteMany({});
    const payload = 'p'.repeat(100);
    const t0 = Date.now();
    for (let start = 0; start < target.rows; start += LOAD_BATCH) {
      const rows = newRows(Math.min(LOAD_BATCH, target.rows - start), 100 + start / LOAD_BATCH).map((row) => ({ ...row, payload }));
      await StreamRow.insertMany(rows, { batchSize: LOAD_BATCH });
    }
    const loadSeconds = (Date.now() - t0) / 1000;

    const heap0 = heapAfterGc();
    const rss0 = process.memoryUsage().rss;
    const every = Math.max(1, Math.floor(target.rows / SAMPLES));
    let heapPeak = 0;
    let rssPeak = 0;
    let count = 0;
    let sampling = 0;
    const t1 = Date.now();
    for await (const row of StreamRow.query().stream({ batchSize: STREAM_BATCH })) {
      if (row.payload.length !== payload.length) throw new Error('stream: a row came back changed');
      if (++count % every === 0) {
        const s0 = Date.now();
        heapPeak = Math.max(heapPeak, heapAfterGc() - heap0);
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss - rss0);
        sampling += Date.now() - s0;
      }
    }
    // The forced collections of the heap samples are not the stream's time.
    const streamSeconds = (Date.now() - t1 - sampling) / 1000;
    if (count !== target.rows) throw new Error(`stream: ${count} rows of ${target.rows}`);
    await StreamRow.deleteMany({});
    return { loadSeconds, streamSeconds, heapPeakMb: mb(heapPeak), rssPeakMb: mb(rssPeak) };
  } finally {
    await DatabaseFactory.removeDatabase('bench_stream');
  }
}

/**
 * Streaming a large table through `Model.query().stream()` on each backend: the JS heap growth (after full
 * collections, sampled 20 times over the stream) must stay under 50 MB however many rows go by.
 */
export async function streamSection(targets: readonly StreamTarget[]): Promise<string> {
  const lines = [
    `== Streaming (Model.query().stream({ batchSize: ${STREAM_BATCH} }), rows of 7 fields + a 100-character payload)`,
    `${'backend'.padEnd(12)} ${'rows'.padStart(10)} ${'load s'.padStart(8)} ${'stream s'.padStart(9)} ${'rows/s'.padStart(9)} ${'heap growth MB'.padStart(15)} ${'RSS growth MB'.padStart(14)}`,
  ];
  const misses: string[] = [];
  const failed: string[] = [];
  for (const target of targets) {
    console.log(`  stream: ${target.backend}, ${target.rows.toLocaleString('en-US')} rows...`);
    let line: string;
    try {
      const f = await measureStream(target);
      const rate = Math.round(target.rows / f.streamSeconds).toLocaleString('en-US');
      line = `${target.backend.padEnd(12)} ${target.rows.toLocaleString('en-US').padStart(10)} ${f.loadSeconds.toFixed(1).padStart(8)} ${f.streamSeconds.toFixed(1).padStart(9)} ${rate.padStart(9)} ${f.heapPeakMb.toFixed(1).padStart(15)} ${f.rssPeakMb.toFixed(1).padStart(14)}`;
      if (f.heapPeakMb >= STREAM_HEAP_TARGET_MB) misses.push(target.backend);
    } catch (error) {
      // One backend failing (a stand-in timing out) still leaves the others' figures.
      line = `${target.backend.padEnd(12)} ${target.rows.toLocaleString('en-US').padStart(10)}   FAILED: ${error instanceof Error ? error.message : String(error)}`;
      failed.push(target.backend);
    }
    console.log(`  ${line}`);
    lines.push(line);
    if (target.note) lines.push(`  (${target.note})`);
  }
  lines.push(
    misses.length
      ? `Heap target (< ${STREAM_HEAP_TARGET_MB} MB growth): MISSED on ${misses.join(', ')}`
      : `Heap target (< ${STREAM_HEAP_TARGET_MB} MB growth): met on every backend measured`,
    ...(failed.length ? [`Not measured (failed): ${failed.join(', ')}`] : []),
    `scale=${config.scale}; rows: BENCH_STREAM_ROWS (default 1,000,000; the MongoDB stand-in defaults to 100,000).`,
  );
  return lines.join('\n');
}
