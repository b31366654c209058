import { ConfigError } from '../errors';

const databaseTokens = new Map<string, symbol>();
const modelTokens = new WeakMap<Function, symbol>();

/**
 * The injection token of the database named `name` (one unique symbol per name, so it cannot collide with
 * another library's string tokens).
 *
 * @example
 * Test.createTestingModule({ imports: [AppModule] }).overrideProvider(getDatabaseToken('pg_main')).useValue(fake);
 */
export function getDatabaseToken(name: string): symbol {
  if (typeof name !== 'string' || name.length === 0) throw new ConfigError('getDatabaseToken(name): name must be a non-empty string');
  let token = databaseTokens.get(name);
  if (!token) {
    token = Symbol(`essencia database '${name}'`);
    databaseTokens.set(name, token);
  }
  return token;
}

/**
 * The injection token under which `EssenciaModule.forFeature([Model])` provides the model class.
 *
 * @example
 * Test.createTestingModule({ imports: [AppModule] }).overrideProvider(getModelToken(Payment)).useValue(fakePayments);
 */
export function getModelToken(model: Function): symbol {
  if (typeof model !== 'function') {
    throw new ConfigError(`getModelToken(model): expected a model class, got ${model === undefined ? 'undefined (a circular import?)' : typeof model}`);
  }
  let token = modelTokens.get(model);
  if (!token) {
    token = Symbol(`essencia model ${model.name}`);
    modelTokens.set(model, token);
  }
  return token;
}
