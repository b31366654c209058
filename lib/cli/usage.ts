/** The text of `essencia --help`. */
export const USAGE = `Usage: essencia <command> [options]

Commands:
  keys generate [--id ID]        Print a new random encryption key and the environment line to set.
  keys rotate --database NAME    Re-encrypt every encrypted value that is not under the active key
                                 (older keys, legacy values) and rewrite its blind index.

Options of keys rotate:
  --database, -d NAME    Database name, as given to DatabaseFactory.createDatabase (required)
  --config, -c FILE      Config module that creates the databases and imports the models
                         (default: essencia.config.js, .cjs, .mjs or .ts in the current directory)
  --model, -m NAME       Only this model (class or collection name)
  --batch-size, -b N     Rows per batch (default 500)
  --dry-run              Read and decrypt everything, write nothing
  --sync                 Run database.sync() first (adds missing blind-index columns and indexes)

Global options:
  --help, -h             Show this help

Keys come from ESSENCIA_ENCRYPTION_KEY (active), ESSENCIA_ENCRYPTION_KEYS (older keys,
id:base64,...) and ESSENCIA_LEGACY_KEY, or from configureEncryption() in the config module.

Exit codes: 0 done, 1 a value could not be rotated or an error occurred, 2 bad arguments.
`;
