import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { MongoBulkWriteError, MongoNetworkError } from 'mongodb';
import { ConnectionError } from '../../lib';
import { convertMongoError } from '../../lib/drivers/mongodb/mongo-errors';

/** A bulk write (insertMany) that lost its connection, as the driver reports it: the cause wrapped in a MongoBulkWriteError. */
const bulkFailure = (cause: Error) => new MongoBulkWriteError(cause as never, {} as never);

describe('MongoDB connection failures inside bulk writes', () => {
  it('a MongoBulkWriteError made from a network error or a socket error is a ConnectionError', () => {
    const network = convertMongoError(bulkFailure(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed')), undefined, 'h:27017');
    assert.ok(network instanceof ConnectionError, String(network));
    const socket = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    const ended = convertMongoError(bulkFailure(socket), undefined, 'h:27017');
    assert.ok(ended instanceof ConnectionError, String(ended));
    assert.match(ended.message, /^MongoDB at h:27017: the connection failed/);
  });

  it('a pool cleared by a monitor timeout (a MongoNetworkError of its own name), bare or inside a bulk write, is a ConnectionError', () => {
    class PoolClearedOnNetworkError extends MongoNetworkError {
      override get name(): string {
        return 'PoolClearedOnNetworkError';
      }
    }
    const cleared = new PoolClearedOnNetworkError('Connection to 127.0.0.1:27017 interrupted due to server monitor timeout');
    assert.ok(convertMongoError(cleared, undefined, 'h:27017') instanceof ConnectionError);
    assert.ok(convertMongoError(bulkFailure(cleared), undefined, 'h:27017') instanceof ConnectionError);
  });

  it('a bulk write error of the server stays what it is', () => {
    const validation = bulkFailure(Object.assign(new Error('Document failed validation'), { code: 121 }));
    assert.equal(convertMongoError(validation, undefined, 'h:27017') instanceof ConnectionError, false);
  });
});
