import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, Field, Model } from '../../lib';
import { rowsDecoder } from '../../lib/drivers/sql/rows-decoder';
import { modelMeta } from '../../lib/metadata/model-meta';

@Model({ database: 'rows_decoder_db' })
class Visit extends BaseModel {
  @Field() active!: boolean;
  @Field({ name: 'seen_at' }) seenAt!: Date;
  @Field({ type: 'json', nullable: true }) extra?: unknown;
  @Field() note!: string;
}

const decodeRows = rowsDecoder((f) =>
  f.type === 'boolean' ? (v) => v !== 0 : f.type === 'date' ? (v) => new Date(v as number) : f.type === 'json' ? (v) => JSON.parse(v as string) : undefined,
);

describe('rowsDecoder', () => {
  const fields = modelMeta(Visit).fields;

  it('decodes the columns that need it, in place, and leaves the others as they are', () => {
    const rows = [
      { id: 'a', active: 1, seen_at: 1700000000123, extra: '{"k":[1]}', note: 'x' },
      { id: 'b', active: 0, seen_at: -1, extra: null, note: 'y' },
    ];
    const out = decodeRows(fields, rows);
    assert.equal(out, rows);
    assert.deepEqual(out, [
      { id: 'a', active: true, seen_at: new Date(1700000000123), extra: { k: [1] }, note: 'x' },
      { id: 'b', active: false, seen_at: new Date(-1), extra: null, note: 'y' },
    ]);
  });

  it('a column the statement did not select stays absent; a select list gets its own decoder', () => {
    const selected = fields.filter((f) => f.column === 'id' || f.column === 'active');
    const [row] = decodeRows(selected, [{ id: 'c', active: 1 }]);
    assert.deepEqual(row, { id: 'c', active: true });
    assert.equal(Object.hasOwn(row!, 'seen_at'), false);
  });

  it('a field list with nothing to decode returns the rows untouched', () => {
    const plain = fields.filter((f) => f.column === 'note');
    const rows = [{ note: 'n' }];
    assert.equal(decodeRows(plain, rows), rows);
    assert.deepEqual(rows, [{ note: 'n' }]);
  });
});
