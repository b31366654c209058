import assert from 'node:assert/strict';
import { it } from '@jest/globals';
import { tableRewrittenBy } from '../../lib/cache/drizzle-writes';

it('finds the table a Drizzle statement rewrites, in each dialect', () => {
  assert.equal(tableRewrittenBy('update "patients" set "name" = $1 where "patients"."id" = $2'), 'patients');
  assert.equal(tableRewrittenBy('delete from `patients` where `patients`.`id` = ?'), 'patients');
  assert.equal(tableRewrittenBy('update "public"."patients" set "name" = $1'), 'patients');
  assert.equal(tableRewrittenBy('insert into "patients" ("id") values ($1) on conflict ("id") do update set "name" = $2'), 'patients');
  assert.equal(tableRewrittenBy('insert into `patients` (`id`) values (?) on duplicate key update `name` = ?'), 'patients');
});

it('ignores reads and plain inserts (no cached row exists for a new id)', () => {
  assert.equal(tableRewrittenBy('select "id" from "patients"'), undefined);
  assert.equal(tableRewrittenBy('insert into "patients" ("id") values ($1)'), undefined);
  assert.equal(tableRewrittenBy('insert into "patients" ("id") values ($1) on conflict do nothing'), undefined);
});
