import type { CliIO } from './cli-io';
import { keysGenerate } from './keys-generate';
import { COPY_HELP, KEYS_GENERATE_HELP, KEYS_ROTATE_HELP, MIGRATE_HELP } from './usage';

/** A command of the `essencia` CLI: its words, its help text, and what runs it (returns the exit code). */
export interface CliCommand {
  /** The words that name it: `keys rotate`. */
  readonly name: string;
  readonly help: string;
  run(args: readonly string[], io: CliIO): number | Promise<number>;
}

/** Every command. Each parses its own options with node:util parseArgs (strict: unknown options are usage errors). */
export const COMMANDS: readonly CliCommand[] = [
  { name: 'keys generate', help: KEYS_GENERATE_HELP, run: keysGenerate },
  // Loaded on demand: rotation needs the database layer (and reflect-metadata); generating a key does not.
  { name: 'keys rotate', help: KEYS_ROTATE_HELP, run: async (args, io) => (await import('./keys-rotate')).keysRotate(args, io) },
  { name: 'copy', help: COPY_HELP, run: async (args, io) => (await import('./copy-command')).copyCommand(args, io) },
  ...['plan', 'generate', 'up', 'status', 'down'].map(
    (sub): CliCommand => ({ name: `migrate ${sub}`, help: MIGRATE_HELP, run: async (args, io) => (await import('./migrate-command')).migrateCommand(sub, args, io) }),
  ),
];

/** The command that `argv` starts with, or undefined. */
export function findCommand(argv: readonly string[]): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === argv.slice(0, c.name.split(' ').length).join(' '));
}
