import { parseArgs } from 'node:util';
import { deriveKeyId, generateEncryptionKey, KEY_ID_PATTERN } from '../codec/encryption/key-material';
import { type CliIO, UsageError } from './cli-io';

/**
 * `essencia keys generate [--id ID]`: prints a new key (base64 of 32 random bytes) on the first line, then the
 * environment line that makes it the active key. Returns the exit code.
 *
 * @example
 * await keysGenerate(['--id', '2025-01'], processIO());
 */
export function keysGenerate(args: readonly string[], io: CliIO): number {
  const { values } = parseArgs({ args: [...args], options: { id: { type: 'string' } }, strict: true, allowPositionals: false });
  const id = values.id;
  if (id !== undefined && !KEY_ID_PATTERN.test(id)) throw new UsageError('--id must match [A-Za-z0-9_-]{1,32}');
  const key = generateEncryptionKey();
  const keyId = id ?? deriveKeyId(Buffer.from(key, 'base64'));
  const value = id === undefined ? key : `${id}:${key}`;
  io.stdout.write(
    [
      key,
      '',
      `# Key id: ${keyId}. Keep the key secret and back it up apart from the data.`,
      '# Make it the active key:',
      `ESSENCIA_ENCRYPTION_KEY=${value}`,
      '# Replacing a key? Move the current one into ESSENCIA_ENCRYPTION_KEYS as <id>:<base64>,',
      '# then run: essencia keys rotate --database <name>',
      '',
    ].join('\n'),
  );
  return 0;
}
