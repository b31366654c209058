import { EssenciaError } from '../errors';
import { type CliIO, UsageError } from './cli-io';
import { type CliCommand, findCommand } from './commands';
import { USAGE } from './usage';
import { packageVersion } from './version';

/** Exit code of a bad command line. */
export const EXIT_USAGE = 2;

function isArgError(error: unknown): boolean {
  return error instanceof UsageError || (typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS'));
}

const wantsHelp = (args: readonly string[]): boolean => args.includes('--help') || args.includes('-h');

/** The command to run, or the usage error of an argv that names none. */
function commandOf(argv: readonly string[]): CliCommand {
  const command = findCommand(argv);
  if (command) return command;
  const [group, sub] = argv;
  const subcommands: Record<string, string> = { keys: 'generate or rotate', migrate: 'plan, generate, up, status or down' };
  if (!subcommands[group!]) throw new UsageError(`unknown command '${group}'`);
  throw new UsageError(sub === undefined || sub.startsWith('-') ? `${group} needs a command: ${subcommands[group!]}` : `unknown command '${group} ${sub}'`);
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const [first] = argv;
  if (first === undefined) {
    io.stderr.write(USAGE);
    return EXIT_USAGE;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    io.stdout.write(findCommand(argv.slice(1))?.help ?? USAGE);
    return 0;
  }
  let command: CliCommand;
  try {
    command = commandOf(argv);
  } catch (error) {
    if (!wantsHelp(argv)) throw error;
    io.stdout.write(USAGE);
    return 0;
  }
  const args = argv.slice(command.name.split(' ').length);
  if (wantsHelp(args)) {
    io.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (!isArgError(error)) throw error;
    io.stderr.write(`essencia: ${(error as Error).message}\n\n${command.help}`);
    return EXIT_USAGE;
  }
}

/**
 * Runs the `essencia` command line and returns its exit code: 0 done, 1 failed, 2 bad arguments (the usage of the
 * command is printed). Errors are printed as one line (essencia errors never contain values or keys); nothing is
 * thrown.
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
