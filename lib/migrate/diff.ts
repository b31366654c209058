import { defaultCollection, snakeCase } from '../metadata/naming';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import type { MigrationBackend } from './backend';
import { columnOf, sameIndex, type ColumnShape, type SchemaShape, type TableShape } from './schema';
import type { Snapshot } from './snapshot';
import type { Step } from './steps';

/** The live table a model's `@Model({ renamedFrom })` names (as a table or as a class name), if it exists. */
function renamedTable(meta: ModelMeta, live: SchemaShape): TableShape | undefined {
  const from = meta.options.renamedFrom;
  if (from === undefined) return undefined;
  return live.get(from) ?? live.get(defaultCollection(from));
}

/** The live column a field's `renamedFrom` names (as a column or as a property), if the table has it. */
function renamedColumn(field: FieldMeta | undefined, table: TableShape): ColumnShape | undefined {
  const from = field?.renamedFrom;
  if (from === undefined) return undefined;
  return columnOf(table, from) ?? columnOf(table, snakeCase(from));
}

function columnSteps(meta: ModelMeta, want: TableShape, have: TableShape, fieldOf: (column: string) => FieldMeta | undefined): Step[] {
  if (!want.columns || !have.columns) return [];
  const model = meta.name;
  const table = want.name;
  const steps: Step[] = [];
  const renamed = new Set<string>();
  for (const column of want.columns) {
    let live = columnOf(have, column.name);
    if (!live) {
      const old = renamedColumn(fieldOf(column.name), have);
      if (old && !columnOf(want, old.name)) {
        steps.push({ kind: 'renameColumn', model, table, from: old.name, to: column.name });
        renamed.add(old.name);
        live = { ...old, name: column.name };
      }
    }
    if (!live) {
      steps.push({ kind: 'addColumn', model, table, column: { ...column, nullable: true } });
      const field = fieldOf(column.name);
      const value = field?.default;
      if (field && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
        steps.push({ kind: 'backfill', model, table, column: column.name, field: field.property, value });
      }
      if (!column.nullable) steps.push({ kind: 'setNotNull', model, table, column });
      continue;
    }
    if (live.type !== column.type) steps.push({ kind: 'alterType', model, table, column, from: live.type, wasNullable: live.nullable });
    if (live.nullable && !column.nullable) steps.push({ kind: 'setNotNull', model, table, column });
    if (!live.nullable && column.nullable) steps.push({ kind: 'dropNotNull', model, table, column });
  }
  for (const column of have.columns) {
    if (!columnOf(want, column.name) && !renamed.has(column.name)) steps.push({ kind: 'dropColumn', model, table, column });
  }
  return steps;
}

function indexSteps(meta: ModelMeta, want: TableShape, have: TableShape): Step[] {
  const steps: Step[] = [];
  for (const index of have.indexes) {
    const wanted = want.indexes.find((i) => i.name === index.name);
    if (!wanted || !sameIndex(wanted, index)) steps.push({ kind: 'dropIndex', model: meta.name, table: want.name, index });
  }
  for (const index of want.indexes) {
    const live = have.indexes.find((i) => i.name === index.name);
    if (!live || !sameIndex(live, index)) steps.push({ kind: 'createIndex', model: meta.name, table: want.name, index });
    else if ((live.nullsFirst ?? false) !== (index.nullsFirst ?? false)) {
      steps.push({ kind: 'rebuildIndex', model: meta.name, table: want.name, from: live, index });
    }
  }
  return steps;
}

/** Fields that are encrypted now but were stored as plaintext when the snapshot was taken. */
function newlyEncrypted(meta: ModelMeta, snapshot: Snapshot | undefined, table: string): Step[] {
  const before = snapshot?.tables.find((t) => t.name === table);
  if (!before) return [];
  return meta.modelFields
    .filter((f) => f.codec?.isCurrent && before.columns?.some((c) => c.name === f.column) && !before.encrypted.includes(f.column))
    .map((f) => ({ kind: 'encryptField', model: meta.name, table, field: f.property }));
}

/**
 * The steps that take the live schema to what the models ask for. Renames come only from `renamedFrom`; a table
 * is dropped only when the last snapshot of these migrations had it and no model has it any more (so tables of
 * other applications in the same database are never touched).
 */
export function diffSchema(models: readonly ModelMeta[], live: SchemaShape, backend: MigrationBackend, snapshot?: Snapshot): Step[] {
  const steps: Step[] = [];
  const claimed = new Set<string>();
  for (const meta of models) {
    const want = backend.desiredTable(meta);
    claimed.add(want.name);
    let have = live.get(want.name);
    if (!have) {
      const old = renamedTable(meta, live);
      if (old && !models.some((m) => m.collection === old.name)) {
        steps.push({ kind: 'renameTable', model: meta.name, from: old.name, to: want.name });
        claimed.add(old.name);
        have = { ...old, name: want.name };
      }
    }
    if (!have) {
      steps.push({ kind: 'createTable', model: meta.name, table: want });
      if (backend.validators) steps.push({ kind: 'validator', model: meta.name, table: want.name, columns: want.columns ?? [] });
      for (const index of want.indexes) steps.push({ kind: 'createIndex', model: meta.name, table: want.name, index });
      continue;
    }
    const fieldOf = (column: string) => meta.fields.find((f) => f.column === column);
    const changes = columnSteps(meta, want, have, fieldOf);
    steps.push(...changes);
    // Values are encrypted before a validator that wants envelopes is written.
    steps.push(...newlyEncrypted(meta, snapshot, want.name));
    if (backend.validators && (have.columns === undefined || changes.length > 0)) {
      steps.push({ kind: 'validator', model: meta.name, table: want.name, columns: want.columns ?? [] });
    }
    steps.push(...indexSteps(meta, want, have));
  }
  for (const table of snapshot?.tables ?? []) {
    if (!claimed.has(table.name) && live.has(table.name)) steps.push({ kind: 'dropTable', table: table.name });
  }
  return steps;
}
