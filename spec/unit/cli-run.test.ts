import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@jest/globals';
import '../../lib';
import type { CliIO } from '../../lib/cli/cli-io';
import { FailureGroups } from '../../lib/cli/failure-groups';
import { formatSummary } from '../../lib/cli/keys-rotate';
import { loadConfig } from '../../lib/cli/load-config';
import { progressReporter } from '../../lib/cli/progress';
import type { ModelRotation, RotationFailure } from '../../lib/cli/rotate';
import { runCli } from '../../lib/cli/run-cli';

function fakeIO(isTTY = false, cwd = process.cwd()): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY },
    cwd,
    out: () => out,
    err: () => err,
  };
}

test('--help prints the usage on stdout and exits 0; no arguments print it on stderr and exit 2', async () => {
  for (const argv of [['--help'], ['-h'], ['help'], ['keys', '--help']]) {
    const io = fakeIO();
    assert.equal(await runCli(argv, io), 0);
    assert.match(io.out(), /^Usage: essencia <command>/);
    assert.match(io.out(), /essencia <command> --help/, 'says how to get the options of a command');
  }
  const io = fakeIO();
  assert.equal(await runCli([], io), 2);
  assert.match(io.err(), /Usage: essencia/);
});

test('--version prints the version of the package', async () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-v']) {
    const io = fakeIO();
    assert.equal(await runCli([flag], io), 0);
    assert.equal(io.out(), `${version}\n`);
  }
});

test('<command> --help prints the options of that command, and keys rotate an example config module', async () => {
  for (const argv of [['keys', 'rotate', '--help'], ['keys', 'rotate', '-d', 'x', '-h'], ['help', 'keys', 'rotate']]) {
    const io = fakeIO();
    assert.equal(await runCli(argv, io), 0, argv.join(' '));
    assert.match(io.out(), /^Usage: essencia keys rotate --database NAME/);
    for (const option of ['--config', '--model', '--batch-size', '--max-failures', '--dry-run', '--sync']) assert.ok(io.out().includes(option), option);
    assert.match(io.out(), /Example config module, essencia\.config\.js:\n.*require\('reflect-metadata'\)/);
    assert.match(io.out(), /DatabaseFactory\.createDatabase\(\{ name: 'pg_main'/);
    assert.doesNotMatch(io.out(), /keys generate/);
  }
  const generate = fakeIO();
  assert.equal(await runCli(['keys', 'generate', '--help'], generate), 0);
  assert.match(generate.out(), /^Usage: essencia keys generate \[--id ID\]/);
  assert.doesNotMatch(generate.out(), /--database/);
});

test('a bad option of a command prints that command\'s usage', async () => {
  const io = fakeIO();
  assert.equal(await runCli(['keys', 'rotate', '--database', 'x', '--max-failures', '0'], io), 2);
  assert.match(io.err(), /--max-failures must be a whole number >= 1/);
  assert.match(io.err(), /Usage: essencia keys rotate/);
});

test('failures are grouped by cause: one line for 3000 rows that fail alike, most frequent first', () => {
  const groups = new FailureGroups();
  const fail = (id: number, reason: string): RotationFailure => ({ model: 'Patient', field: 'cpf', id: `id${id}`, reason: `Patient.cpf (id id${id}): cannot decrypt: ${reason}` });
  const firsts: number[] = [];
  for (let i = 0; i < 3000; i++) if (groups.add(fail(i, "unknown key id 'k2' (add it to ESSENCIA_ENCRYPTION_KEYS)"))) firsts.push(i);
  assert.equal(groups.add(fail(5000, 'authentication failed')), true);
  assert.deepEqual(firsts, [0], 'only the first of a cause is new');
  assert.deepEqual(groups.lines(), [
    "3000 × Patient.cpf: cannot decrypt: unknown key id 'k2' (add it to ESSENCIA_ENCRYPTION_KEYS) (ids id0, id1, id2, ...)",
    '1 × Patient.cpf: cannot decrypt: authentication failed (id id5000)',
  ]);
});

test('bad arguments: a message, the usage, exit code 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['keys'], /keys needs a command/],
    [['keys', 'rotate'], /needs --database/],
    [['keys', 'rotate', '--database', 'x', '--batch-size', '0'], /--batch-size/],
    [['keys', 'rotate', '--database', 'x', '--batch-size', '1.5'], /--batch-size/],
    [['keys', 'rotate', '--database', 'x', '--what'], /Unknown option/],
    [['keys', 'generate', '--id', 'no spaces'], /--id must match/],
    [['keys', 'generate', 'extra'], /positional/],
    [['migrate'], /migrate needs a command: plan, generate, up, status or down/],
    [['migrate', 'frob'], /unknown command 'migrate frob'/],
    [['migrate', 'plan'], /migrate plan needs --database/],
    [['migrate', 'down', '--database', 'x', '--what'], /Unknown option/],
  ];
  for (const [argv, message] of cases) {
    const io = fakeIO();
    assert.equal(await runCli(argv, io), 2, argv.join(' '));
    assert.match(io.err(), message);
    assert.match(io.err(), /Usage: essencia/);
  }
});

test('keys generate: a 32-byte base64 key first, then the environment line', async () => {
  const io = fakeIO();
  assert.equal(await runCli(['keys', 'generate'], io), 0);
  const [key] = io.out().split('\n');
  assert.equal(Buffer.from(key!, 'base64').length, 32);
  assert.match(io.out(), new RegExp(`^ESSENCIA_ENCRYPTION_KEY=${key!.replace(/[+/]/g, '\\$&')}$`, 'm'));
  const withId = fakeIO();
  assert.equal(await runCli(['keys', 'generate', '--id', '2025-01'], withId), 0);
  assert.match(withId.out(), /^ESSENCIA_ENCRYPTION_KEY=2025-01:[A-Za-z0-9+/]{43}=$/m);
  assert.match(withId.out(), /Key id: 2025-01/);
});

test('keys rotate: a missing config module is exit code 1 with a ConfigError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'essencia-cli-unit-'));
  try {
    const io = fakeIO(false, dir);
    assert.equal(await runCli(['keys', 'rotate', '--database', 'x'], io), 1);
    assert.match(io.err(), /ConfigError: no config module/);
    const given = fakeIO(false, dir);
    assert.equal(await runCli(['keys', 'rotate', '--database', 'x', '--config', 'nope.js'], given), 1);
    assert.match(given.err(), /config module not found: nope\.js/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a .ts config module is transpiled with decorators and their metadata, and an exported setup function is awaited', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'essencia-cli-ts-'));
  const g = globalThis as { __essenciaCliTs?: unknown };
  try {
    writeFileSync(join(dir, 'model.ts'), [
      'const mark = (): PropertyDecorator => () => undefined;',
      'export class Thing { @mark() name!: string; }',
      '',
    ].join('\n'));
    writeFileSync(join(dir, 'essencia.config.ts'), [
      "import { Thing } from './model';",
      'declare const Reflect: { getMetadata(k: string, t: object, p: string): unknown };',
      'export default async function setup(): Promise<void> {',
      "  (globalThis as any).__essenciaCliTs = Reflect.getMetadata('design:type', Thing.prototype, 'name') === String;",
      '}',
      '',
    ].join('\n'));
    assert.equal(await loadConfig(dir), join(dir, 'essencia.config.ts'));
    assert.equal(g.__essenciaCliTs, true);
  } finally {
    delete g.__essenciaCliTs;
    rmSync(dir, { recursive: true, force: true });
  }
});

const progress = (scanned: number, done = false): [ModelRotation, boolean] => [
  { model: 'Patient', collection: 'patients', fields: ['cpf'], total: 4, scanned, rewritten: scanned, failed: 0, skipped: 0 },
  done,
];

test('progress: plain lines without a TTY, a bar redrawn in place on a TTY', () => {
  const plain = fakeIO(false);
  const report = progressReporter(plain);
  report(...progress(2));
  report(...progress(4, true));
  assert.equal(plain.err(), 'Patient: 2/4 scanned, 2 rewritten, 0 failed\nPatient: 4/4 scanned, 4 rewritten, 0 failed (done)\n');
  const tty = fakeIO(true);
  const bar = progressReporter(tty);
  bar(...progress(2));
  bar(...progress(4, true));
  assert.match(tty.err(), /^\r\x1b\[KPatient \[#{12}-{12}\]  50% 2\/4 scanned/);
  assert.match(tty.err(), /\r\x1b\[KPatient \[#{24}\] 100% 4\/4 scanned, 4 rewritten, 0 failed\n$/);
});

test('the summary says when there is nothing to rotate, and what a dry run would do', () => {
  const base = { database: 'pg_main', activeKeyId: 'k2', scanned: 4, failed: 0, skipped: 0, stoppedEarly: false, failures: [] };
  const model = { model: 'Patient', collection: 'patients', fields: ['cpf', 'rg'], total: 4, scanned: 4, failed: 0, skipped: 0 };
  const idle = formatSummary({ ...base, dryRun: false, rewritten: 0, models: [{ ...model, rewritten: 0 }] });
  assert.match(idle, /Patient \(patients; cpf, rg\): 4 scanned, 0 rewritten, 0 failed/);
  assert.match(idle, /Nothing to rotate: every encrypted value is already under the active key 'k2'/);
  const dry = formatSummary({ ...base, dryRun: true, rewritten: 3, models: [{ ...model, rewritten: 3 }] });
  assert.match(dry, /3 would rewrite/);
  assert.match(dry, /Dry run: nothing was written/);
});

test('the summary lists the failures by cause and says when --max-failures stopped the run', () => {
  const model = { model: 'Patient', collection: 'patients', fields: ['cpf'], total: 3000, scanned: 10, rewritten: 0, failed: 10, skipped: 0 };
  const report = { database: 'pg_main', activeKeyId: 'k3', dryRun: false, scanned: 10, rewritten: 0, failed: 10, skipped: 0, stoppedEarly: true, failures: [], models: [model] };
  const text = formatSummary(report, ["10 × Patient.cpf: cannot decrypt: unknown key id 'k2' (ids a, b, c, ...)"]);
  assert.match(text, /Failures by cause:\n  10 × Patient\.cpf: cannot decrypt: unknown key id 'k2'/);
  assert.match(text, /Stopped early at --max-failures/);
  assert.doesNotMatch(formatSummary({ ...report, stoppedEarly: false }), /Stopped early|Failures by cause/);
});
