import { randomUUID } from 'node:crypto';
import { DataTypes, Sequelize, type Model, type ModelStatic } from 'sequelize';
import { connectionOptions } from '../../config';
import { createTableSql, rowOfCall, rowsOfCall, seededOfCall } from '../../data';
import type { BenchRow, Contender } from '../../types';

const TABLE = 'bench_sequelize';

type UserModel = Model<BenchRow> & BenchRow;

/** Sequelize (a model from `define`, instances saved with `save()`, transactions passed explicitly). */
export function sequelizeContender(url: string): Contender {
  let sequelize!: Sequelize;
  let User!: ModelStatic<UserModel>;

  return {
    name: 'Sequelize',
    async setup() {
      sequelize = new Sequelize(url, { dialect: 'postgres', logging: false, pool: { max: connectionOptions.max } });
      User = sequelize.define<UserModel>(
        'BenchUser',
        {
          id: { type: DataTypes.TEXT, primaryKey: true },
          name: { type: DataTypes.TEXT, allowNull: false },
          email: { type: DataTypes.TEXT, allowNull: false },
          age: { type: DataTypes.INTEGER, allowNull: false },
          score: { type: DataTypes.DOUBLE, allowNull: false },
          active: { type: DataTypes.BOOLEAN, allowNull: false },
          createdAt: { type: DataTypes.DATE, allowNull: false, field: 'created_at' },
        },
        { tableName: TABLE, timestamps: false },
      );
      await sequelize.query(createTableSql(TABLE));
    },
    async teardown() {
      await sequelize.close();
    },
    async reset() {
      await sequelize.query(`TRUNCATE ${TABLE}`);
    },
    async seed(rows) {
      for (let i = 0; i < rows.length; i += 1000) await User.bulkCreate(rows.slice(i, i + 1000) as BenchRow[]);
    },
    async settings() {
      const [rows] = await sequelize.query(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String((rows[0] as { synchronous_commit: string }).synchronous_commit) };
    },
    workloads: {
      'insert-one': (fx) => (i) => User.create({ id: randomUUID(), ...rowOfCall(fx, i) }),
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return (i) => {
          const rows = rowsOfCall(fx, i, fx.params.rows!);
          return sequelize.transaction(async (transaction) => {
            for (let start = 0; start < rows.length; start += batch) {
              await User.bulkCreate(rows.slice(start, start + batch).map((row) => ({ id: randomUUID(), ...row })), { transaction });
            }
          });
        };
      },
      'find-by-id': (fx) => (i) => User.findByPk(seededOfCall(fx.seeded, i).id),
      'find-many': (fx) => async () => {
        const found = await User.findAll({ where: { active: true }, limit: fx.params.limit! });
        if (found.length !== fx.params.limit) throw new Error(`find-many: ${found.length} rows`);
        return found;
      },
      'update-by-id': async (fx) => {
        const loaded: UserModel[] = [];
        for (const row of fx.seeded) loaded.push((await User.findByPk(row.id))!);
        return (i) => {
          const user = seededOfCall(loaded, i);
          user.score = i + 0.5;
          return user.save();
        };
      },
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return sequelize.transaction(async (transaction) => {
          await User.create({ id: randomUUID(), ...a! }, { transaction });
          await User.create({ id: randomUUID(), ...b! }, { transaction });
        });
      },
    },
  };
}
