import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { BaseModel, Field, Model } from '../../lib';
import type { CliIO } from '../../lib/cli/cli-io';
import { copyProgress } from '../../lib/cli/copy-progress';
import { canonicalRow, rowHash } from '../../lib/copy/canonical-row';
import type { ModelCopy } from '../../lib/copy/copy-types';
import { modelMeta } from '../../lib/metadata/model-meta';

@Model({ database: 'canon', collection: 'canon_rows' })
class Canon extends BaseModel {
  @Field({ type: 'decimal', nullable: true }) amount?: string | null;
  @Field({ type: 'date', nullable: true }) at?: Date | null;
  @Field({ type: 'json', nullable: true }) data?: unknown;
  @Field({ type: 'int', nullable: true }) n?: number | null;
}

const meta = modelMeta(Canon);

describe('canonical rows (copy --verify)', () => {
  it('is the same for a row as either backend returns it', () => {
    const pg = { id: 'a', amount: '150.50', at: new Date('2024-05-01T10:00:00.000Z'), data: { b: 1, a: [{ y: 2, x: 1 }] }, n: null };
    const mongo = { id: 'a', amount: '1.505E+2', at: new Date(Date.UTC(2024, 4, 1, 10)), data: { a: [{ x: 1, y: 2 }], b: 1 } };
    assert.equal(canonicalRow(meta, pg), canonicalRow(meta, mongo));
    assert.equal(rowHash(meta, pg), rowHash(meta, mongo));
    assert.equal(canonicalRow(meta, pg), '{"id":"a","amount":"150.5","at":"2024-05-01T10:00:00.000Z","data":{"a":[{"x":1,"y":2}],"b":1}}');
  });

  it('writes a decimal one way and tells values apart', () => {
    const amount = (value: string): string => JSON.parse(canonicalRow(meta, { id: 'a', amount: value })).amount;
    assert.deepEqual(['0010.00', '-0.0', '1E-3', '-2.50e1', '7'].map(amount), ['10', '0', '0.001', '-25', '7']);
    assert.notEqual(rowHash(meta, { id: 'a', n: 1 }), rowHash(meta, { id: 'a', n: 2 }));
    assert.notEqual(rowHash(meta, { id: 'a', data: [1, 2] }), rowHash(meta, { id: 'a', data: [2, 1] }), 'array order counts');
    assert.notEqual(rowHash(meta, { id: 'a' }), rowHash(meta, { id: 'b' }));
  });
});

describe('copy progress line', () => {
  it('shows rows of the total, rows per second and the time left', () => {
    let err = '';
    const io: CliIO = { stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, cwd: '.' };
    let now = 0;
    const report = copyProgress(io, () => now);
    const p: ModelCopy = { model: 'Patient', collection: 'patients', total: 1000, copied: 0, resumedFrom: 0, verifiedOnly: false };
    report(p, false);
    now = 2000;
    report({ ...p, copied: 400 }, false);
    report({ ...p, copied: 1000 }, true);
    assert.deepEqual(err.trim().split('\n').slice(1), ['Patient: 400/1000 rows, 200 rows/s, ETA 3s', 'Patient: 1000/1000 rows, 500 rows/s, ETA 0s (done)']);
  });
});
