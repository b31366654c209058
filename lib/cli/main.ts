#!/usr/bin/env node
/**
 * The `essencia` command (package.json `bin`): `essencia keys generate`, `essencia keys rotate --database NAME`.
 * See docs/cli.md.
 */
import { processIO } from './cli-io';
import { runCli } from './run-cli';

void runCli(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
