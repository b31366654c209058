/** Where the CLI writes and what it knows about its surroundings; tests pass their own. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  /** Directory that relative paths (`--config`) are resolved against. */
  readonly cwd: string;
}

/**
 * The CLI's real surroundings: the process streams and working directory.
 *
 * @example
 * const code = await runCli(process.argv.slice(2), processIO());
 */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/** A mistake in the command line: usage is printed and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
