import { BaseModel, Field, type Database } from '../../lib';
import { rowOfCall, rowsOfCall, seededOfCall } from '../data';
import type { Contender } from '../types';

/** The benchmark's row shape as essencia fields; each backend's contender binds it with its own @Model. */
export abstract class BenchUserFields extends BaseModel {
  @Field() name!: string;
  @Field() email!: string;
  @Field({ type: 'int' }) age!: number;
  @Field({ type: 'float' }) score!: number;
  @Field() active!: boolean;
  @Field() createdAt!: Date;
}

type BenchModel = typeof BenchUserFields & (new () => BenchUserFields);

/** The workloads every essencia contender runs the same way, whatever the backend (`database`: the model's, once set up). */
export function activeRecordWorkloads(Model: BenchModel, database: () => Database): Contender['workloads'] {
  return {
    'insert-one': (fx) => (i) => Model.create(rowOfCall(fx, i)),
    'bulk-insert': (fx) => (i) => Model.insertMany(rowsOfCall(fx, i, fx.params.rows!), { batchSize: fx.params.batchSize! }),
    'find-by-id': (fx) => (i) => Model.findById(seededOfCall(fx.seeded, i).id),
    'find-many': (fx) => async () => {
      const found = await Model.findMany({ active: true }, { limit: fx.params.limit! });
      if (found.length !== fx.params.limit) throw new Error(`find-many: ${found.length} rows`);
      return found;
    },
    'update-by-id': async (fx) => {
      // Load once; each call changes a field and saves.
      const loaded: BenchUserFields[] = [];
      for (const row of fx.seeded) loaded.push((await Model.findById(row.id))!);
      return (i) => {
        const user = seededOfCall(loaded, i);
        user.score = i + 0.5;
        return user.save();
      };
    },
    transaction: (fx) => {
      const db = database();
      return (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return db.transaction(async () => {
          await Model.create(a!);
          await Model.create(b!);
        });
      };
    },
  };
}
