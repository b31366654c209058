import 'reflect-metadata';
import assert from 'node:assert/strict';
import { afterAll, describe, it } from '@jest/globals';
import { BaseModel, ConfigError, DatabaseFactory, Field, Model, QueryError } from '../../lib';
import { RoutingDriver } from '../../lib/drivers/routing/routing-driver';
import { modelMeta } from '../../lib/metadata/model-meta';

@Model({ database: 'rc_main', readFrom: 'replica' })
class Report extends BaseModel {
  @Field() title!: string;
}

@Model({ database: 'rc_main', readFrom: 'secondary' as never })
class BadReport extends BaseModel {
  @Field() title!: string;
}

describe('replica configuration', () => {
  afterAll(() => DatabaseFactory.closeAll());

  it('replicas put a routing driver over the primary and one driver per replica; without them the driver is the primary', () => {
    const routed = DatabaseFactory.createDatabase({ name: 'rc_main', url: 'postgres://u@primary/db', replicas: ['postgres://u@r1/db', 'postgresql://u@r2/db'], readFrom: 'replica' });
    assert.ok(routed.driver instanceof RoutingDriver);
    assert.equal(routed.driver.type, 'postgresql');
    assert.deepEqual((routed.driver as RoutingDriver).replicas.status().map((s) => [s.where, s.usable]), [['r1', false], ['r2', false]]);
    const plain = DatabaseFactory.createDatabase({ name: 'rc_plain', url: 'postgres://u@primary/db' });
    assert.ok(!(plain.driver instanceof RoutingDriver));
  });

  it('refuses replica settings that cannot work, with a ConfigError', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ replicas: ['mongodb://h/db'] }, /every replica URL must be a postgresql URL/],
      [{ replicas: [''] }, /every replica URL must be a postgresql URL/],
      [{ replicas: ['postgres://u:secret@h/db'], readFrom: 'secondary' }, /readFrom must be 'primary' or 'replica'/],
      [{ replicas: ['postgres://h/db'], maxReplicaLagMs: -1 }, /maxReplicaLagMs must be a number of milliseconds/],
      [{ readYourWritesMs: 'soon' }, /readYourWritesMs must be a number of milliseconds/],
    ];
    for (const [settings, message] of bad) {
      assert.throws(
        () => DatabaseFactory.createDatabase({ name: 'rc_bad', url: 'postgres://u@primary/db', ...settings }),
        (e: unknown) => e instanceof ConfigError && message.test(e.message) && !e.message.includes('secret'),
        JSON.stringify(settings),
      );
    }
    assert.equal(DatabaseFactory.hasDatabase('rc_bad'), false);
  });

  it('readFrom is checked on models and queries', () => {
    assert.equal(modelMeta(Report).options.readFrom, 'replica');
    assert.throws(() => modelMeta(BadReport), (e: unknown) => e instanceof ConfigError && /BadReport: readFrom must be/.test(e.message));
    assert.throws(() => Report.query().readFrom('nearest' as never), QueryError);
  });
});
