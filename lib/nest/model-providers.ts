import type { Provider } from '@nestjs/common';
import { ConfigError } from '../errors';
import type { Database } from '../database/database';
import { modelMeta } from '../metadata/model-meta';
import { getDatabaseToken, getModelToken } from './tokens';

/**
 * One provider per model class: the class itself under `getModelToken(Model)`. It depends on the model's
 * database (optionally, so that a missing one is a ConfigError naming the model rather than Nest's
 * "can't resolve dependencies").
 */
export function createModelProviders(models: readonly Function[]): Provider[] {
  if (!Array.isArray(models)) throw new ConfigError('EssenciaModule.forFeature(models): models must be an array of model classes');
  return models.map((model) => {
    const token = getModelToken(model);
    const { database } = modelMeta(model);
    return {
      provide: token,
      useFactory: (db: Database | undefined) => {
        if (!db) {
          throw new ConfigError(
            `EssenciaModule.forFeature: ${model.name} lives in database '${database}', which no EssenciaModule.forRoot()/forRootAsync() of this application configures`,
          );
        }
        return model;
      },
      inject: [{ token: getDatabaseToken(database), optional: true }],
    };
  });
}
