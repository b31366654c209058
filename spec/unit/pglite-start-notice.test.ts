import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { startNotice } from '../../lib/drivers/pglite/pglite-start-notice';

async function stderrOf(fn: () => Promise<void>): Promise<string> {
  const write = process.stderr.write;
  let out = '';
  process.stderr.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = write;
  }
  return out;
}

describe('the embedded database start notice', () => {
  it('says nothing when the start is quick, once when it is slow, and never again in the process', async () => {
    const quick = await stderrOf(async () => {
      const done = startNotice('pglite://memory', 'initdb', 50);
      done();
      await sleep(80);
    });
    assert.equal(quick, '');
    const slow = await stderrOf(async () => {
      const done = startNotice('pglite://memory', 'initdb', 10);
      await sleep(60);
      done();
    });
    assert.match(slow, /^essencia: starting the embedded PostgreSQL \(PGlite\) for pglite:\/\/memory: the first start on this machine runs initdb/);
    const again = await stderrOf(async () => {
      startNotice('pglite://memory', 'cached', 1);
      await sleep(30);
    });
    assert.equal(again, '');
  });
});
