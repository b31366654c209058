// One embedded start, timed in a process of its own (run by pglite-start.ts): prints { wallMs, cpuMs }.
import { BaseModel, DatabaseFactory, Field, Model } from '../lib';

@Model({ database: 'start', collection: 'patients' })
class Patient extends BaseModel {
  @Field() name!: string;
  @Field() born!: Date;
}

@Model({ database: 'start', collection: 'visits' })
class Visit extends BaseModel {
  @Field() patientId!: string;
  @Field({ type: 'int' }) minutes!: number;
}

@Model({ database: 'start', collection: 'notes' })
class Note extends BaseModel {
  @Field() text!: string;
}

async function main(): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const db = DatabaseFactory.createDatabase({ name: 'start', url: 'pglite://memory' });
  await db.connect();
  await db.sync();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  if ((await Patient.count()) + (await Visit.count()) + (await Note.count()) !== 0) throw new Error('a fresh database has rows');
  await DatabaseFactory.removeDatabase('start');
  console.log(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
