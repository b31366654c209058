import { stopStandIns } from './mongo-standins';
import { RUN_ENV } from './run-env';

/**
 * jest's global teardown: stops the MongoDB stand-ins the global setup started and prints the closing lines
 * (banner, skipped tests, counts) after jest's own summary.
 */
export default function globalTeardown(): void {
  stopStandIns((process.env[RUN_ENV.standInPids] ?? '').split(' ').filter(Boolean).map(Number));
  const closing = process.env[RUN_ENV.closing];
  if (closing) process.stderr.write(`${closing}\n`);
}
