import { QueryError } from '../errors';

/** Operators of the three-argument `where(field, op, value)` form. */
export type WhereOperator =
  | '=' | '!=' | '<>' | '>' | '>=' | '<' | '<='
  | 'in' | 'not in' | 'like' | 'ilike' | 'regex' | 'exists';

const TO_FILTER: Record<WhereOperator, string> = {
  '=': '$eq', '!=': '$ne', '<>': '$ne', '>': '$gt', '>=': '$gte', '<': '$lt', '<=': '$lte',
  in: '$in', 'not in': '$nin', like: '$like', ilike: '$ilike', regex: '$regex', exists: '$exists',
};

/**
 * `where('age', '>=', 18)` as a filter object. The value always lands inside an operator, so user input
 * can never become an operator itself.
 */
export function whereToFilter(field: string, op: string, value: unknown): Record<string, unknown> {
  const mapped = TO_FILTER[op.toLowerCase() as WhereOperator];
  if (!mapped) throw new QueryError(`unknown where operator '${op}' (one of ${Object.keys(TO_FILTER).join(', ')})`);
  if (typeof field !== 'string' || field.length === 0) throw new QueryError('where(field, op, value): field must be a non-empty string');
  return { [field]: { [mapped]: value } };
}
