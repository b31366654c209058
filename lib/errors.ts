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

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    // Given to Error, `cause` is not enumerable: readable in code, left out of JSON.stringify and of loggers that
    // serialise enumerable properties (a driver error carries statement text and other fields' values).
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'ESSENCIA_ERROR';
  }

  /** What `JSON.stringify` and JSON loggers show: name, code, message and the error's own details, never `cause`. */
  toJSON(): Record<string, unknown> {
    return Object.assign({ name: this.name, code: this.code, message: this.message }, this as object);
  }
}

/**
 * A mistake in configuration or model declarations, found before any data moves, or a set-up step not done:
 * a table or column that does not exist yet is a ConfigError with code `SCHEMA_MISSING` saying to run
 * `db.sync()` (or the migrations), since no query or data is at fault.
 */
export class ConfigError extends EssenciaError {
  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, { code: 'CONFIG', ...options });
  }
}

/** A database could not be reached, does not exist, or the connection broke. Never contains a password. */
export class ConnectionError extends EssenciaError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'CONNECTION', ...options });
  }
}

/** Per-field validation messages, keyed by property name. */
export type FieldErrors = Record<string, string[]>;

/** How many fields a ValidationError message lists; `.errors` keeps them all. */
export const MESSAGE_FIELD_LIMIT = 10;

/** `field: message; message | ...` for the first {@link MESSAGE_FIELD_LIMIT} fields, then how many more there are. */
function summarize(errors: FieldErrors): string {
  const entries = Object.entries(errors);
  const shown = entries.slice(0, MESSAGE_FIELD_LIMIT).map(([field, messages]) => `${field}: ${messages.join('; ')}`);
  const more = entries.length - shown.length;
  return more > 0 ? `${shown.join(' | ')} | and ${more} more` : shown.join(' | ');
}

/** Data did not pass validation; nothing was written. `errors` lists the messages per field. */
export class ValidationError extends EssenciaError {
  readonly errors: FieldErrors;
  readonly model?: string;

  constructor(model: string | undefined, errors: FieldErrors, options: { cause?: unknown } = {}) {
    super(`${model ? `${model}: ` : ''}validation failed (${summarize(errors)})`, { code: 'VALIDATION', ...options });
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

/**
 * A filter, sort or query that cannot be run as written (unknown field, bad operator, wrong value type...), or a
 * statement the server cancelled because it ran past `statementTimeoutMs` (57014).
 */
export class QueryError extends EssenciaError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'QUERY', ...options });
  }
}

/**
 * A transaction could not be started, committed or is not supported where it was asked for; or the server aborted
 * it: a serialization failure (40001), a deadlock (40P01) or a lock wait past `lock_timeout` (55P03). Those are
 * `retryable`: running the whole transaction again may succeed. (A statement past `statementTimeoutMs`, 57014, is a
 * {@link QueryError}: the same statement would most likely time out again.)
 *
 * @example
 * for (;;) { try { return await db.transaction(work); } catch (e) { if (!(e instanceof TransactionError && e.retryable)) throw e; } }
 */
export class TransactionError extends EssenciaError {
  /** Whether running the whole transaction again may succeed (the server aborted it over a conflict with another). */
  readonly retryable: boolean;

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, { code: 'TRANSACTION', cause: options.cause });
    this.retryable = options.retryable ?? false;
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

/**
 * A migration could not be planned, generated or applied: an applied file was edited, a file failed (the message
 * names the file and the statement), the lock could not be taken, or a destructive step was asked for without
 * `allowDestructive`.
 */
export class MigrationError extends EssenciaError {
  /** The migration file at fault, if any (`0002_add_patients_phone`). */
  readonly file?: string;
  /** The statement (or step of a `.js` migration) that failed, if any. */
  readonly statement?: string;

  constructor(message: string, options: { cause?: unknown; file?: string; statement?: string } = {}) {
    super(message, { code: 'MIGRATION', cause: options.cause });
    if (options.file !== undefined) this.file = options.file;
    if (options.statement !== undefined) this.statement = options.statement;
  }
}
