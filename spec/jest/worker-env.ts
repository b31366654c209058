import { RUN_ENV } from './run-env';

// Runs in every test file before its tests: with one MongoDB stand-in per worker, point MONGODB_URL at this
// worker's own (JEST_WORKER_ID is 1-based; an in-band run is worker 1).
const urls = JSON.parse(process.env[RUN_ENV.mongoUrls] ?? '[]') as string[];
if (urls.length > 0) {
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const url = urls[worker - 1];
  if (!url) throw new Error(`no MongoDB stand-in for jest worker ${worker} (${urls.length} started): maxWorkers changed after the global setup?`);
  process.env.MONGODB_URL = url;
}
