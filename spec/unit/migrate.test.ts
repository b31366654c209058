import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@jest/globals';
import { BaseModel, ConfigError, EncryptedCPF, Field, Index, Model } from '../../lib';
import { columnType } from '../../lib/drivers/postgres-dialect/pg-column-types';
import { normalizePgType } from '../../lib/drivers/postgres-dialect/pg-introspect';
import { postgresMigrationDialect } from '../../lib/drivers/postgres-dialect/pg-migrations';
import { modelMeta } from '../../lib/metadata/model-meta';
import type { MigrationBackend } from '../../lib/migrate/backend';
import { diffSchema } from '../../lib/migrate/diff';
import { nextFileName, readMigrationFiles } from '../../lib/migrate/files';
import { columnsOfSchema, jsonSchemaOf, violationsFilter } from '../../lib/migrate/mongodb/mongo-validator';
import type { SchemaShape, TableShape } from '../../lib/migrate/schema';
import { renderSql } from '../../lib/migrate/sql/sql-render';
import { splitStatements, sqlDirection } from '../../lib/migrate/sql-text';
import { describeStep } from '../../lib/migrate/steps';

@Model({ database: 'unit_migrate', collection: 'unit_people', renamedFrom: 'UnitPerson' })
class UnitPeople extends BaseModel {
  @Field() @Index() name!: string;
  @Field({ type: 'string', nullable: true, renamedFrom: 'mail' }) email?: string | null;
  @Field({ type: 'int' }) age!: number;
}

/** The SQL backend's stating of models, without a server (the rest of the backend is not used by diffSchema). */
const backend = {
  validators: false,
  desiredTable(meta) {
    return {
      name: meta.collection,
      columns: meta.fields.map((f) => ({ name: f.column, type: normalizePgType(columnType(f)), nullable: f.isId ? false : f.nullable })),
      indexes: meta.indexes.map((i) => ({ name: i.name, unique: i.unique, columns: i.fields.map((p) => meta.byProperty.get(p)!.column), nullsFirst: true })),
    };
  },
} as Pick<MigrationBackend, 'validators' | 'desiredTable'> as MigrationBackend;

test('splitStatements splits at semicolons outside quotes, dollar quotes and comments', () => {
  const sql = `CREATE TABLE a (x text DEFAULT 'a;b'); -- a comment; still a comment
INSERT INTO "we;ird" VALUES ($$x;y$$) ; /* c; */ SELECT 1;
-- only a comment;`;
  assert.deepEqual(splitStatements(sql), [`CREATE TABLE a (x text DEFAULT 'a;b')`, `INSERT INTO "we;ird" VALUES ($$x;y$$)`, 'SELECT 1']);
  const file = 'CREATE TABLE t (x int);\n-- essencia:down\nDROP TABLE t;\n';
  assert.deepEqual(sqlDirection(file, 'up'), ['CREATE TABLE t (x int)']);
  assert.deepEqual(sqlDirection(file, 'down'), ['DROP TABLE t']);
  assert.equal(sqlDirection('CREATE TABLE t (x int);', 'down'), undefined);
});

test('PostgreSQL types are compared as format_type spells them', () => {
  assert.equal(normalizePgType('timestamptz'), 'timestamp with time zone');
  assert.equal(normalizePgType('varchar(20)'), 'character varying(20)');
  assert.equal(normalizePgType('text COLLATE "C"'), 'text COLLATE "C"');
  assert.equal(normalizePgType('NUMERIC'), 'numeric');
  assert.equal(normalizePgType('int4[]'), 'integer[]');
});

test('diffSchema: renames only from renamedFrom; the rest are adds, drops, type and nullability changes', () => {
  const meta = modelMeta(UnitPeople);
  const live: SchemaShape = new Map<string, TableShape>([
    [
      'unit_persons',
      {
        name: 'unit_persons',
        columns: [
          { name: 'id', type: 'text COLLATE "C"', nullable: false },
          { name: 'name', type: 'text COLLATE "C"', nullable: true },
          { name: 'mail', type: 'text COLLATE "C"', nullable: true },
          { name: 'age', type: 'text COLLATE "C"', nullable: false },
          { name: 'nickname', type: 'text COLLATE "C"', nullable: true },
        ],
        indexes: [{ name: 'old_idx', columns: ['nickname'], unique: false }],
      },
    ],
  ]);
  const steps = diffSchema([meta], live, backend).map(describeStep);
  assert.deepEqual(steps, [
    'rename unit_persons to unit_people (UnitPeople)',
    'make unit_people.name required',
    'rename unit_people.mail to email',
    'change the type of unit_people.age from text COLLATE "C" to integer',
    'drop unit_people.nickname',
    'drop index old_idx on unit_people',
    'create index unit_people_name_idx on unit_people (name)',
  ]);
  const noRenames = diffSchema([meta], new Map([['unit_people', { ...live.get('unit_persons')!, name: 'unit_people' }]]), backend).map(describeStep);
  assert.ok(noRenames.includes('rename unit_people.mail to email'));
  const fresh = diffSchema([meta], new Map(), backend);
  assert.deepEqual(fresh.map((s) => s.kind), ['createTable', 'createIndex']);
});

@Model({ database: 'unit_migrate', collection: 'unit_holders' })
class UnitHolder extends BaseModel {
  @EncryptedCPF() @Field({ renamedFrom: 'document' }) cpf!: string;
}

test('a renamed encrypted field takes its blind index with it', () => {
  const meta = modelMeta(UnitHolder);
  const want = backend.desiredTable(meta);
  const old = (name: string) => (name === 'cpf' ? 'document' : name === 'cpf_bidx' ? 'document_bidx' : name);
  const live: SchemaShape = new Map([['unit_holders', { ...want, columns: want.columns!.map((c) => ({ ...c, name: old(c.name) })) }]]);
  assert.deepEqual(diffSchema([meta], live, backend).map(describeStep), ['rename unit_holders.document to cpf', 'rename unit_holders.document_bidx to cpf_bidx']);
});

test('a snapshot table no model claims is dropped; other tables of the database are never touched', () => {
  const meta = modelMeta(UnitPeople);
  const live: SchemaShape = new Map([
    ['unit_people', backend.desiredTable(meta)],
    ['gone', { name: 'gone', columns: [], indexes: [] }],
    ['someone_elses', { name: 'someone_elses', columns: [], indexes: [] }],
  ]);
  const snapshot = { version: 1 as const, tables: [{ name: 'gone', columns: [], indexes: [], encrypted: [] }] };
  assert.deepEqual(diffSchema([meta], live, backend, snapshot).map(describeStep), ['drop gone']);
  assert.deepEqual(diffSchema([meta], live, backend).map(describeStep), []);
});

test('renderSql: statements and their down part in reverse order; a drop leaves the file without one', () => {
  const meta = modelMeta(UnitPeople);
  const steps = diffSchema([meta], new Map(), backend);
  const models = new Map([[meta.name, meta]]);
  const file = renderSql(steps, postgresMigrationDialect, models);
  assert.equal(file.extension, '.sql');
  assert.deepEqual(sqlDirection(file.text, 'up'), [
    'CREATE TABLE "unit_people" (\n  "id" text COLLATE "C" NOT NULL PRIMARY KEY,\n  "name" text COLLATE "C" NOT NULL,\n  "email" text COLLATE "C",\n  "age" integer NOT NULL\n)',
    'CREATE INDEX "unit_people_name_idx" ON "unit_people" ("name" NULLS FIRST)',
  ]);
  assert.deepEqual(sqlDirection(file.text, 'down'), ['DROP INDEX "unit_people_name_idx"', 'DROP TABLE "unit_people"']);
  const drop = renderSql([{ kind: 'dropTable', table: 'gone' }], postgresMigrationDialect, models);
  assert.equal(sqlDirection(drop.text, 'down'), undefined);
  const data = renderSql([{ kind: 'encryptField', model: 'UnitPeople', table: 'unit_people', field: 'email' }], postgresMigrationDialect, models);
  assert.equal(data.extension, '.js');
  assert.match(data.text, /await ctx\.encryptField\("UnitPeople", "email"\);/);
});

test('MongoDB validators: the $jsonSchema of columns reads back to them; the violations filter names each rule', () => {
  const columns = [
    { name: 'name', type: 'string', nullable: false },
    { name: 'age', type: 'int|long', nullable: true },
    { name: 'data', type: 'any', nullable: true },
  ];
  const schema = jsonSchemaOf(columns);
  assert.deepEqual(schema, {
    bsonType: 'object',
    required: ['name'],
    properties: { name: { bsonType: ['string'] }, age: { bsonType: ['int', 'long', 'null'] }, data: {} },
  });
  assert.deepEqual(columnsOfSchema(schema), columns);
  const envelope = [{ name: 'cpf', type: 'envelope', nullable: true }];
  assert.deepEqual(jsonSchemaOf(envelope).properties, { cpf: { bsonType: ['string', 'null'], pattern: '^v1:' } });
  assert.deepEqual(columnsOfSchema(jsonSchemaOf(envelope)), envelope);
  assert.deepEqual(violationsFilter(envelope), { $or: [{ $and: [{ cpf: { $exists: true, $ne: null } }, { $nor: [{ cpf: { $regex: '^v1:' } }] }] }] });
  assert.deepEqual(violationsFilter([columns[0]!]), {
    $or: [{ name: null }, { $and: [{ name: { $exists: true, $ne: null } }, { $nor: [{ name: { $type: 'string' } }] }] }],
  });
});

test('migration files: numbered in order, the next name from words, two files with one number refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'essencia-files-'));
  try {
    writeFileSync(join(dir, '0001_init.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '0002_add_phone.js'), 'module.exports = {};');
    writeFileSync(join(dir, 'snapshot.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), '');
    const files = readMigrationFiles(dir);
    assert.deepEqual(files.map((f) => `${f.name}${f.extension}`), ['0001_init.sql', '0002_add_phone.js']);
    assert.match(files[0]!.checksum, /^[0-9a-f]{64}$/);
    assert.equal(nextFileName(files, 'Add "phone" & fax!'), '0003_add_phone_fax');
    writeFileSync(join(dir, '0002_again.sql'), '');
    assert.throws(() => readMigrationFiles(dir), (e: Error) => e instanceof ConfigError && /same number/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
