import { EssenciaError } from '../errors';
import { type CliIO, UsageError } from './cli-io';
import { keysGenerate } from './keys-generate';
import { USAGE } from './usage';

/** Exit code of a bad command line. */
export const EXIT_USAGE = 2;

function isArgError(error: unknown): boolean {
  return error instanceof UsageError || (typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS'));
}


/** Each command parses its own options with node:util parseArgs (strict: unknown options are usage errors). */
async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.length === 0) {
    io.stderr.write(USAGE);
    return EXIT_USAGE;
  }
  if (argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [group, command, ...rest] = argv;
  if (group !== 'keys') throw new UsageError(`unknown command '${group}'`);
  if (command === 'generate') return keysGenerate(rest, io);
  // Loaded on demand: rotation needs the database layer (and reflect-metadata); generating a key does not.
  if (command === 'rotate') return (await import('./keys-rotate')).keysRotate(rest, io);
  throw new UsageError(command === undefined ? 'keys needs a command: generate or rotate' : `unknown command 'keys ${command}'`);
}

/**
 * Runs the `essencia` command line and returns its exit code: 0 done, 1 failed, 2 bad arguments (usage printed).
 * Errors are printed as one line (essencia errors never contain values or keys); nothing is thrown.
 *
 * @example
 * process.exitCode = await runCli(['keys', 'generate'], processIO());
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (isArgError(error)) {
      io.stderr.write(`essencia: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    const message = error instanceof EssenciaError ? `${error.name}: ${error.message}` : error instanceof Error ? error.message : String(error);
    io.stderr.write(`essencia: ${message}\n`);
    return 1;
  }
}
