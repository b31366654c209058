/** The text of `essencia --help`. */
export const USAGE = `Usage: essencia <command> [options]

Commands:
  keys generate [--id ID]        Print a new random encryption key and the environment line to set.
  keys rotate --database NAME    Re-encrypt every encrypted value that is not under the active key
                                 (older keys, legacy values) and rewrite its blind index.

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
