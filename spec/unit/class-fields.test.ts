import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import ts from 'typescript';
import { hydrate } from '../../lib/model/hydrate';
import { modelMeta } from '../../lib/metadata/model-meta';
import { stateOf } from '../../lib/model/instance-state';

const SOURCE = `
import 'reflect-metadata';
import { BaseModel, Field, Model, Timestamped } from 'essencia-under-test';
@Model({ database: 'class_fields_db', collection: 'things_DEFINE' })
export class Thing extends Timestamped(BaseModel) {
  @Field() name!: string;
  @Field({ type: 'int' }) count = 7;
  @Field() status: string = 'new';
}
`;

/** Compiles and loads the model with the given class-field semantics, as a user's tsconfig would. */
function load(useDefineForClassFields: boolean): { Thing: new () => Record<string, unknown> } {
  const { outputText } = ts.transpileModule(SOURCE.replace('DEFINE', String(useDefineForClassFields)), {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields,
    },
  });
  const module = { exports: {} as Record<string, unknown> };
  const load = new Function('require', 'module', 'exports', outputText);
  // jest's require: the same module registry (and so the same model metadata) as this file's imports.
  load((id: string) => (id === 'essencia-under-test' ? require('../../lib') : require(id)), module, module.exports);
  return module.exports as never;
}

describe('models under both class-field semantics', () => {
  for (const define of [true, false]) {
    it(`useDefineForClassFields: ${define}`, async () => {
      const { Thing } = load(define);
      const meta = modelMeta(Thing);
      assert.deepEqual(meta.modelFields.map((f) => `${f.property}:${f.type}`), ['id:string', 'createdAt:date', 'updatedAt:date', 'name:string', 'count:int', 'status:string']);
      const built = (Thing as unknown as { build(d: object): Record<string, unknown> }).build({ name: 'x', count: 3 });
      assert.equal(built.name, 'x');
      assert.equal(built.count, 3, 'data wins over the initializer');
      assert.equal(built.status, 'new', 'initializers still apply');
      const [loaded] = await hydrate<Record<string, unknown>>(meta, [{ id: 'a', created_at: new Date(0), updated_at: new Date(0), name: 'y', count: 1, status: 'old' }]);
      assert.ok(loaded instanceof Thing);
      assert.deepEqual([loaded!.name, loaded!.count, loaded!.status], ['y', 1, 'old'], 'loading does not run initializers');
      assert.equal(stateOf(loaded!)?.persisted, true);
      assert.deepEqual(Object.keys(loaded!).sort(), ['count', 'createdAt', 'id', 'name', 'status', 'updatedAt']);
    });
  }
});
