import { ConfigError } from '../errors';
import type { FieldType } from './types';

/** Storage type from the constructor TypeScript emits as `design:type`. */
export function inferFieldType(designType: unknown, where: string): FieldType {
  switch (designType) {
    case String:
      return 'string';
    case Number:
      return 'float';
    case Boolean:
      return 'boolean';
    case Date:
      return 'date';
    case Array:
      return 'json';
    case Object:
      // TypeScript emits Object both for object types and for unions such as `number | null` or `Date | null`.
      throw new ConfigError(
        `${where}: the type is ambiguous to TypeScript's metadata (an object type, or a union like \`number | null\`); set @Field({ type: 'json' }) for JSON data, or the scalar type ('string', 'int', 'float', 'boolean', 'date', 'decimal')`,
      );
    case undefined:
      throw new ConfigError(
        `${where}: the type cannot be inferred (is "emitDecoratorMetadata" on and 'reflect-metadata' imported?); set @Field({ type })`,
      );
    case Function:
    case Symbol:
    case BigInt:
    case Promise:
      throw new ConfigError(`${where}: a ${(designType as Function).name} cannot be stored; set @Field({ type })`);
    default:
      // A class of the user's (an embedded value object): stored as JSON.
      return 'json';
  }
}
