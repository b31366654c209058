import { Catch, HttpStatus, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  EssenciaError,
  NotFoundError,
  OptimisticLockError,
  QueryError,
  UniqueConstraintError,
  ValidationError,
  type FieldErrors,
} from '../errors';

/** The JSON body of an error response (Nest's `statusCode` / `message` / `error`, plus essencia's `code`). */
export interface EssenciaErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** The stable EssenciaError code ('VALIDATION', 'UNIQUE_CONSTRAINT', ...). */
  code: string;
  /** ValidationError: the messages per field. */
  errors?: FieldErrors;
  /** UniqueConstraintError: the fields whose value is taken (never the values). */
  fields?: string[];
}

/** The status and body an EssenciaError becomes. Anything unexpected is a 500 that tells nothing inside. */
export function errorResponse(error: EssenciaError): EssenciaErrorBody {
  if (error instanceof ValidationError) {
    return { statusCode: 400, error: 'Bad Request', code: error.code, message: 'validation failed', errors: error.errors };
  }
  if (error instanceof QueryError) return { statusCode: 400, error: 'Bad Request', code: error.code, message: error.message };
  if (error instanceof NotFoundError) return { statusCode: 404, error: 'Not Found', code: error.code, message: error.message };
  if (error instanceof UniqueConstraintError) {
    const what = error.fields.length ? error.fields.join(', ') : 'a unique field';
    return { statusCode: 409, error: 'Conflict', code: error.code, message: `duplicate value for ${what}`, fields: [...error.fields] };
  }
  if (error instanceof OptimisticLockError) {
    return { statusCode: 409, error: 'Conflict', code: error.code, message: 'the record was changed by someone else; reload it and try again' };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: 'Internal Server Error', code: 'INTERNAL', message: 'Internal server error' };
}

interface ExpressLike { status(code: number): { json(body: unknown): unknown } }
interface FastifyLike { code(code: number): { send(body: unknown): unknown } }

/**
 * Turns essencia's errors into HTTP responses: ValidationError and QueryError → 400 (per-field messages),
 * NotFoundError → 404, UniqueConstraintError and OptimisticLockError → 409 (fields named, values never),
 * any other EssenciaError → 500 without internals (logged on the server). Other exceptions (Nest's
 * HttpException, plain errors) are left to Nest. HTTP only (Express or Fastify).
 *
 * @example
 * app.useGlobalFilters(new EssenciaExceptionFilter());          // or { provide: APP_FILTER, useClass: EssenciaExceptionFilter }
 */
@Catch(EssenciaError)
export class EssenciaExceptionFilter implements ExceptionFilter<EssenciaError> {
  private readonly logger = new Logger('EssenciaExceptionFilter');

  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(exception: EssenciaError, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const body = errorResponse(exception);
    if (body.statusCode >= 500) this.logger.error(exception.message, exception.stack);
    const response = host.switchToHttp().getResponse<unknown>();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter) {
      adapter.reply(response, body, body.statusCode);
    } else if (typeof (response as ExpressLike).status === 'function') {
      (response as ExpressLike).status(body.statusCode).json(body);
    } else {
      (response as FastifyLike).code(body.statusCode).send(body);
    }
  }
}
