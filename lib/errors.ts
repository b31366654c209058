/**
 * The error family of essencia. Every error a user can see extends {@link EssenciaError},
 * carries a stable `code` and keeps the underlying driver error as `cause`.
 *
 * @example
 * try { await User.create({ email }); }
 * catch (e) { if (e instanceof UniqueConstraintError) console.log(e.fields); }
 */
export class EssenciaError extends Error {
  readonly code: string;
  override readonly cause?: unknown;

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message);
    this.name = new.target.name;
    this.code = options.code ?? 'ESSENCIA_ERROR';
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** A mistake in configuration or model declarations, found before any data moves. */
export class ConfigError extends EssenciaError {
  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, { code: 'CONFIG', ...options });
  }
}

/** A database could not be reached, or the connection broke. Never contains a password. */
export class ConnectionError extends EssenciaError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'CONNECTION', ...options });
  }
}

/** Per-field validation messages, keyed by property name. */
export type FieldErrors = Record<string, string[]>;

/** Data did not pass validation; nothing was written. `errors` lists the messages per field. */
export class ValidationError extends EssenciaError {
  readonly errors: FieldErrors;
  readonly model?: string;

  constructor(model: string | undefined, errors: FieldErrors, options: { cause?: unknown } = {}) {
    const summary = Object.entries(errors)
      .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
      .join(' | ');
    super(`${model ? `${model}: ` : ''}validation failed (${summary})`, { code: 'VALIDATION', ...options });
    this.errors = errors;
    this.model = model;
  }
}

/** A record that had to exist does not. */
export class NotFoundError extends EssenciaError {
  constructor(message: string) {
    super(message, { code: 'NOT_FOUND' });
  }
}

/** A write broke a unique index. `fields` names the model properties; values are never included. */
export class UniqueConstraintError extends EssenciaError {
  readonly fields: string[];
  readonly model?: string;

  constructor(model: string | undefined, fields: string[], options: { cause?: unknown; constraint?: string } = {}) {
    const what = fields.length ? fields.join(', ') : (options.constraint ?? 'a unique index');
    super(`${model ? `${model}: ` : ''}duplicate value for ${what}`, { code: 'UNIQUE_CONSTRAINT', cause: options.cause });
    this.fields = fields;
    this.model = model;
  }
}

/**
 * A save of a stale instance: the row changed (or went away) since it was read, so nothing was written.
 * Reload the record and apply the change again.
 */
export class OptimisticLockError extends EssenciaError {
  readonly model?: string;

  constructor(model: string | undefined, message: string, options: { cause?: unknown } = {}) {
    super(`${model ? `${model}: ` : ''}${message}`, { code: 'OPTIMISTIC_LOCK', ...options });
    this.model = model;
  }
}

/** A filter, sort or query that cannot be run as written (unknown field, bad operator, wrong value type...). */
export class QueryError extends EssenciaError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'QUERY', ...options });
  }
}

/** A transaction could not be started, committed or is not supported where it was asked for. */
export class TransactionError extends EssenciaError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'TRANSACTION', ...options });
  }
}

/** A value could not be encrypted or decrypted. Names model, field and id, never the value. */
export class EncryptionError extends EssenciaError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'ENCRYPTION', ...options });
  }
}

/** A class was used as a model but has no `@Model` decorator of its own. A kind of {@link ConfigError}. */
export class ModelNotRegisteredError extends ConfigError {
  constructor(className: string) {
    super(`${className} is not a model: decorate it with @Model({ database: '...' })`, { code: 'MODEL_NOT_REGISTERED' });
  }
}
