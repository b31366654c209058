// Compile-only checks of the migration API's types (`npm test` runs `tsc -p spec/types`).
import { BaseModel, DatabaseFactory, Field, Model, type GenerateResult, type MigrationPlan, type MigrationStatus } from '../../lib';

@Model({ database: 'types_only', renamedFrom: 'people' })
export class Person extends BaseModel {
  @Field({ type: 'string', nullable: true, renamedFrom: 'mail' }) email?: string | null;
}

export async function migrate(): Promise<void> {
  const db = DatabaseFactory.getDatabase('types_only');
  const plan: MigrationPlan = await db.migrations.plan({ dir: 'migrations/types_only' });
  const classes: Array<'safe' | 'needs data' | 'destructive'> = plan.steps.map((s) => s.safety);
  const generated: GenerateResult = await db.migrations.generate({ name: 'x', allowDestructive: false });
  const file: string | undefined = generated.file;
  const reasons: string[] = generated.leftOut.map((s) => s.reason);
  const applied: string[] = await db.migrations.up({ onProgress: (p) => p.file, onData: (p) => p.written });
  const states: Array<MigrationStatus['state']> = (await db.migrations.status()).map((s) => s.state);
  const undone: string[] = await db.migrations.down({ count: 2 });
  void [classes, file, reasons, applied, states, undone];
  // @ts-expect-error allowDestructive is a boolean
  await db.migrations.generate({ allowDestructive: 'yes' });
  // @ts-expect-error renamedFrom is a name
  Field({ renamedFrom: 1 });
}
