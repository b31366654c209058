import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { CommandDeadlines, CommandTimeout } from '../../lib/cache/command-deadlines';
import { EntrySeals, open, seal } from '../../lib/cache/entry-seal';
import { encodeCommand, RedisReplyError, RespReader, type Reply } from '../../lib/cache/resp';
import { endpointOf } from '../../lib/cache/resp-connection';

/** Every reply `reader` finds in `bytes`, fed `size` bytes at a time. */
function replies(bytes: Buffer, size: number, reader = new RespReader()): Reply[] {
  const out: Reply[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    // A buffer reused between reads, as the socket's is: the reader must copy what it keeps.
    const chunk = Buffer.from(bytes.subarray(i, i + size));
    reader.feed(chunk, (reply) => out.push(reply));
    chunk.fill(0);
  }
  return out;
}

describe('the cache’s RESP link parts', () => {
  const stream = Buffer.from(
    '+OK\r\n' +
      '-NOSCRIPT No matching script\r\n' +
      ':42\r\n' +
      '$-1\r\n' +
      '$10\r\nção\r\nfim\r\n' + // 10 bytes: ç and ã take two each
      '*4\r\n$1\r\na\r\n$-1\r\n:1\r\n*2\r\n$7\r\nmessage\r\n$0\r\n\r\n' +
      '*-1\r\n',
  );
  const expected: Reply[] = ['OK', new RedisReplyError('NOSCRIPT No matching script'), 42, null, 'ção\r\nfim', ['a', null, 1, ['message', '']], null];

  it('reads every kind of reply, however the bytes are split', () => {
    for (const size of [1, 2, 3, 7, 64, stream.length]) {
      const got = replies(stream, size);
      assert.equal(got.length, expected.length, `chunks of ${size}`);
      got.forEach((reply, i) => {
        if (reply instanceof RedisReplyError) assert.equal(reply.message, (expected[i] as Error).message);
        else assert.deepEqual(reply, expected[i], `reply ${i}, chunks of ${size}`);
      });
    }
  });

  it('refuses bytes that are not RESP', () => {
    assert.throws(() => replies(Buffer.from('HTTP/1.1 400\r\n'), 64), RedisReplyError);
  });

  it('encodes commands with byte lengths', () => {
    assert.equal(encodeCommand(['SET', 'k', 'ção']), '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nção\r\n');
    const decoded = replies(Buffer.from(encodeCommand(['a', 'b\r\nc'])), 3);
    assert.deepEqual(decoded, [['a', 'b\r\nc']]);
  });

  it('reads host, port, credentials and database number from a redis:// URL', () => {
    assert.deepEqual(endpointOf('redis://127.0.0.1:6380/3'), { host: '127.0.0.1', port: 6380, username: undefined, password: undefined, db: 3 });
    assert.deepEqual(endpointOf('redis://u%40x:p%3Aw@[::1]'), { host: '::1', port: 6379, username: 'u@x', password: 'p:w', db: 0 });
    assert.deepEqual(endpointOf('redis://:secret@cache.internal:7000'), {
      host: 'cache.internal', port: 7000, username: undefined, password: 'secret', db: 0,
    });
    assert.throws(() => endpointOf('redis://h/x'), /database number/);
  });

  it('EntrySeals opens what it sealed or checked, and checks any other text again', () => {
    const key = Buffer.alloc(32, 3);
    const seals = new EntrySeals(key);
    const text = seals.seal('k', 'payload');
    assert.equal(open(key, 'k', text), 'payload', 'the same seal as the function');
    assert.equal(seals.open('k', text), 'payload');
    assert.equal(seals.open('k', text.replace('payload', 'paylOad')), undefined, 'a changed text is checked');
    assert.equal(seals.open('other', text), undefined, 'moved to another key');
    const planted = seal(Buffer.alloc(32, 4), 'k', 'planted');
    assert.equal(seals.open('k', planted), undefined);
    assert.equal(new EntrySeals(key).open('k', text), 'payload', 'checked by its MAC when never seen');
  });

  it('CommandDeadlines: answered commands pass, silent ones fail after the timeout, one timer for all', async () => {
    const deadlines = new CommandDeadlines(30);
    try {
      const answered = deadlines.bound(Promise.resolve('yes'));
      const failed = deadlines.bound(Promise.reject(new Error('no')));
      const silent = [deadlines.bound(new Promise(() => undefined)), deadlines.bound(new Promise(() => undefined))];
      const late = deadlines.bound(new Promise((resolve) => setTimeout(() => resolve('late'), 5)));
      assert.equal(await answered, 'yes');
      await assert.rejects(failed, /no/);
      assert.equal(await late, 'late');
      const started = Date.now();
      for (const s of silent) await assert.rejects(s, CommandTimeout);
      assert.ok(Date.now() - started < 1000);
      // Later commands get a timer again.
      await assert.rejects(deadlines.bound(new Promise(() => undefined)), CommandTimeout);
    } finally {
      deadlines.close();
    }
  });
});

describe('the RESP reader with large replies', () => {
  it('a large bulk string split in many chunks comes out whole, and what follows it too', () => {
    const big = 'x'.repeat(300_000) + 'ção';
    const bytes = Buffer.from(`*2\r\n$${Buffer.byteLength(big)}\r\n${big}\r\n:7\r\n+OK\r\n`);
    for (const size of [1000, 65536, 70001]) assert.deepEqual(replies(bytes, size), [[big, 7], 'OK'], `chunks of ${size}`);
  });
});
