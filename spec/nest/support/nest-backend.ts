import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseFactory } from '../../../lib';
import type { Backend } from '../../support/backends';

/**
 * Gives each test a database URL of the backend under test. A server backend hands out its URL (tests empty
 * their tables); PGlite gets a copy of one data directory prepared once per file (reopening a directory costs
 * a few seconds here, creating one 15-30 s), so that every app really opens and closes its own database.
 */
export class NestBackend {
  #template: string | undefined;
  readonly #dirs: string[] = [];

  constructor(readonly backend: Backend) {}

  get name(): Backend['name'] {
    return this.backend.name;
  }

  /** Prepares the PGlite template directory (once). */
  async prepare(): Promise<void> {
    if (this.backend.name !== 'pglite' || this.#template) return;
    const dir = mkdtempSync(join(tmpdir(), 'essencia-nest-template-'));
    this.#dirs.push(dir);
    const db = DatabaseFactory.createDatabase({ name: 'nest_template', url: `pglite://${dir}` });
    await db.connect();
    await DatabaseFactory.removeDatabase('nest_template');
    this.#template = dir;
  }

  /** A URL for a fresh database (PGlite) or the server (PostgreSQL, MongoDB). */
  url(): string {
    if (this.backend.name !== 'pglite') return this.backend.url!;
    if (!this.#template) throw new Error('NestBackend.prepare() first');
    const dir = mkdtempSync(join(tmpdir(), 'essencia-nest-'));
    cpSync(this.#template, dir, { recursive: true });
    this.#dirs.push(dir);
    return `pglite://${dir}`;
  }

  /** Removes the PGlite directories. */
  cleanUp(): void {
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
