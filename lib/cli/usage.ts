/** The text of `essencia --help`. */
export const USAGE = `Usage: essencia <command> [options]

Commands:
  keys generate [--id ID]        Print a new random encryption key and the environment line to set.
  keys rotate --database NAME    Re-encrypt every encrypted value that is not under the active key
                                 (older keys, legacy values) and rewrite its blind index.
  copy --from A --to B           Copy the stored rows of every model of database A to database B
                                 (resumable, verifiable; encrypted values move as ciphertext).
  migrate plan --database NAME   What differs between the models and the database: safe, needs data,
                                 destructive. Also: migrate generate | up | status | down.

Run 'essencia <command> --help' (e.g. essencia keys rotate --help) for the options of a command.

Global options:
  --help, -h             Show this help
  --version, -v          Print the version of essencia

Exit codes: 0 done, 1 a value could not be rotated or an error occurred, 2 bad arguments.
`;

/** The text of `essencia keys generate --help`. */
export const KEYS_GENERATE_HELP = `Usage: essencia keys generate [--id ID]

Prints a new master key (base64 of 32 random bytes) on the first line, then the
environment line that makes it the active key. Nothing is stored anywhere.

Options:
  --id ID                Key id ([A-Za-z0-9_-]{1,32}), e.g. 2025-06. Default: derived from the key.
  --help, -h             Show this help

Example:
  essencia keys generate --id 2025-06 | head -n1     # the key alone, for a secret store
`;

/** The text of `essencia keys rotate --help`. */
export const KEYS_ROTATE_HELP = `Usage: essencia keys rotate --database NAME [options]

Re-encrypts, under the active key, every encrypted value of the database that is not
current (older key, or the Python original's legacy format) and rewrites its blind index.
One compare-and-set write per row: safe to interrupt and to run again.

Options:
  --database, -d NAME    Database name, as given to DatabaseFactory.createDatabase (required)
  --config, -c FILE      Config module that creates the databases and imports the models
                         (default: essencia.config.js, .cjs, .mjs or .ts in the current directory)
  --model, -m NAME       Only this model (class or collection name)
  --batch-size, -b N     Rows per batch (default 500)
  --max-failures N       Stop after N values failed to decrypt (default: scan everything)
  --dry-run              Read and decrypt everything, write nothing
  --sync                 Run database.sync() first (adds missing blind-index columns and indexes)
  --help, -h             Show this help

Keys come from ESSENCIA_ENCRYPTION_KEY (active), ESSENCIA_ENCRYPTION_KEYS (older keys,
id:base64,...) and ESSENCIA_LEGACY_KEY, or from configureEncryption() in the config module.

Example config module, essencia.config.js:
  require('reflect-metadata');
  const { DatabaseFactory } = require('essencia');
  require('./dist/models/patient');              // import every model with encrypted fields
  DatabaseFactory.createDatabase({ name: 'pg_main', url: process.env.DATABASE_URL });

Example:
  ESSENCIA_ENCRYPTION_KEY=2025-06:... ESSENCIA_ENCRYPTION_KEYS=2024-01:... \\
    essencia keys rotate --database pg_main --max-failures 100

Exit codes: 0 done, 1 a value could not be rotated (or was skipped) or an error occurred,
2 bad arguments.
`;

/** The text of `essencia copy --help`. */
export const COPY_HELP = `Usage: essencia copy --from A --to B [options]

Copies the stored rows of every model of database A (or of the named ones) to database B:
ids kept, soft-deleted rows included, encrypted values moved as ciphertext (no key needed).
Each batch is written with a checkpoint on B (in one transaction on SQL databases), so an
interrupted copy continues with --resume. Existing rows with the same ids are replaced.

Options:
  --from NAME            Source database, as given to DatabaseFactory.createDatabase (required)
  --to NAME              Target database (required)
  --config, -c FILE      Config module that creates the databases and imports the models
                         (default: essencia.config.js, .cjs, .mjs or .ts in the current directory)
  --model, -m NAME       Only this model (class or collection name; repeat for more)
  --batch-size, -b N     Rows per batch and checkpoint (default 1000)
  --resume               Continue an interrupted copy from its checkpoint
  --verify               Compare counts and checksums afterwards and name the ids that differ;
                         on a target holding a finished copy, only check (nothing is written)
  --help, -h             Show this help

Example:
  essencia copy --from mongodb_main --to pg_main --verify

Exit codes: 0 done, 1 the verification found differences or an error occurred, 2 bad arguments.
`;

/** The text of `essencia migrate <command> --help`. */
export const MIGRATE_HELP = `Usage: essencia migrate <plan|generate|up|status|down> --database NAME [options]

  plan       What differs between the models and the live database, each step classified as
             safe, needs data (with the number of rows in the way) or destructive.
  generate   Write the next numbered migration file (SQL; a JS module on MongoDB or for data
             steps) and a snapshot. Destructive steps are left out unless --allow-destructive;
             what is left out, and why, is printed.
  up         Apply the pending files in order, under a lock, recorded in a journal with
             checksums (an applied file that was edited is an error).
  status     Every file: applied, pending, partial (failed midway), changed or missing.
  down       Undo the last applied file(s) that have a down part.

Options:
  --database, -d NAME    Database name, as given to DatabaseFactory.createDatabase (required)
  --config, -c FILE      Config module that creates the databases and imports the models
                         (default: essencia.config.js, .cjs, .mjs or .ts in the current directory)
  --dir DIR              Folder of the migration files (default: migrations/<database name>)
  --name, -n WORDS       generate: words for the file name (default: from the first step)
  --allow-destructive    generate: include dropped tables, columns and indexes
  --count N              down: how many files to undo (default 1)
  --help, -h             Show this help

Renames come only from @Field({ renamedFrom }) and @Model({ renamedFrom }), never guessed.

Example:
  essencia migrate plan --database pg_main
  essencia migrate generate --database pg_main --name "add phone"
  essencia migrate up --database pg_main

Exit codes: 0 done, 1 an error occurred (status: a file was edited or failed midway),
2 bad arguments.
`;
