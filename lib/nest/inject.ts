import { Inject } from '@nestjs/common';
import { getDatabaseToken, getModelToken } from './tokens';

/**
 * Injects the model class provided by `EssenciaModule.forFeature([Model])`.
 *
 * @example
 * constructor(@InjectModel(Payment) private readonly payments: typeof Payment) {}
 */
export function InjectModel(model: Function): PropertyDecorator & ParameterDecorator {
  return Inject(getModelToken(model));
}

/**
 * Injects the `Database` named `name`, configured by `EssenciaModule.forRoot` / `forRootAsync`.
 *
 * @example
 * constructor(@InjectDatabase('pg_main') private readonly db: Database) {}
 */
export function InjectDatabase(name: string): PropertyDecorator & ParameterDecorator {
  return Inject(getDatabaseToken(name));
}
