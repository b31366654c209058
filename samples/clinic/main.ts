/**
 * The clinic sample: the Python guide "Multi-Database Support in Essencia", ported.
 * Patients (personal data, encrypted CPF and medical history) live in one database, appointments and
 * payments (relational, transactional) in another; the application joins them.
 *
 * Run it with `npm run sample` (embedded PGlite, no server), or with DATABASE_URL and/or MONGODB_URL set.
 */
import 'reflect-metadata';
// In an application: `from 'essencia'`.
import { DatabaseFactory, UniqueConstraintError, ValidationError } from '../../lib';
import { createDatabases, setUpEncryption, type ConfiguredDatabase } from './databases';
import { Appointment, Patient, Payment } from './models';

const log = (line = ''): void => console.log(line);
const section = (title: string): void => console.log(`\n=== ${title}`);
const indent = (text: string, by = '    '): string => text.replace(/^/gm, by);
const show = (value: unknown): void => log(indent(JSON.stringify(value, null, 2)));
const brl = (cents: number): string => (cents / 100).toLocaleString('pt-BR', { style: 'currency', currency: 'BRL' });
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const when = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A date `days` from today at `hour`:00 UTC. */
function daysFromNow(days: number, hour: number): Date {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
}

function describeAppointment(a: Appointment): string {
  return `${when(a.appointmentDate)}  ${a.doctorName.padEnd(18)} ${a.status.padEnd(10)} ${brl(a.priceCents)}`;
}

/**
 * A server keeps the rows of an earlier run; the sample's tables (clinic_*) are its own, so it empties them
 * to start from a known state. Embedded in-memory databases start empty anyway.
 */
async function removeEarlierRuns(patientsDb: ConfiguredDatabase, clinicDb: ConfiguredDatabase): Promise<void> {
  if (!patientsDb.embedded) {
    const removed = await Patient.deleteMany({});
    log(`patients_db: removed ${removed} patient(s) left by an earlier run`);
  }
  if (!clinicDb.embedded) {
    const payments = await Payment.deleteMany({});
    const appointments = await Appointment.query().withDeleted().execute();
    for (const a of appointments) await a.forceDelete();
    log(`clinic_db: removed ${appointments.length} appointment(s) and ${payments} payment(s) left by an earlier run`);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  // ---------------------------------------------------------------------------------------------
  section('1. Databases');
  setUpEncryption(log);
  const [patientsDb, clinicDb] = createDatabases() as [ConfiguredDatabase, ConfiguredDatabase];
  log(`patients_db -> ${patientsDb.description}`);
  log(`clinic_db   -> ${clinicDb.description}`);
  await DatabaseFactory.connectAll();
  await patientsDb.database.sync(); // creates the tables / collections and indexes of its models (idempotent)
  await clinicDb.database.sync();
  log(`connected and synced in ${seconds(started)}: patients_db has ${patientsDb.database.models().length} model(s) (Patient), ` +
    `clinic_db has ${clinicDb.database.models().length} (Appointment, Payment)`);
  await removeEarlierRuns(patientsDb, clinicDb);

  // ---------------------------------------------------------------------------------------------
  section('2. Patients in patients_db: encrypted CPF and medical history');
  const joao = await Patient.create({
    name: 'João Silva',
    cpf: '123.456.789-09', // formatted
    email: 'joao@example.com',
    history: { allergies: ['penicilina'], conditions: ['hipertensão'], notes: 'controla com losartana' },
  });
  const maria = await Patient.create({ name: 'Maria Souza', cpf: '52998224725', email: 'maria@example.com' }); // digits only
  log(`created João Silva  id=${joao.id}  cpf in memory: ${joao.cpf}`);
  log(`created Maria Souza id=${maria.id}  cpf in memory: ${maria.cpf}`);

  const byId = await Patient.findByIdOrFail(joao.id);
  log(`findById(${joao.id}) -> ${byId.name}, cpf ${byId.cpf}, history decrypted: ${JSON.stringify(byId.history)}`);
  const byFormatted = await Patient.findOne({ cpf: '123.456.789-09' });
  const byDigits = await Patient.findOne({ cpf: '52998224725' });
  const byOtherFormat = await Patient.findOne({ cpf: '529.982.247-25' });
  log(`findOne({ cpf: '123.456.789-09' }) -> ${byFormatted?.name ?? 'not found'}   (search by blind index: the database only holds ciphertext)`);
  log(`findOne({ cpf: '52998224725' })    -> ${byDigits?.name ?? 'not found'}`);
  log(`findOne({ cpf: '529.982.247-25' }) -> ${byOtherFormat?.name ?? 'not found'}   (formatted or not, the same CPF)`);
  log('toJSON() masks the encrypted fields (this is what logs and APIs get):');
  show(byId.toJSON());

  try {
    await Patient.create({ name: 'CPF Inválido', cpf: '123.456.789-00', email: 'invalido@example.com' });
    throw new Error('an invalid CPF was accepted');
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    log(`invalid CPF 123.456.789-00 -> ${e.name}: ${e.message}`);
  }
  try {
    await Patient.create({ name: 'João Impostor', cpf: '111.444.777-35', email: 'joao@example.com' });
    throw new Error('a duplicate email was accepted');
  } catch (e) {
    if (!(e instanceof UniqueConstraintError)) throw e;
    log(`duplicate email joao@example.com -> ${e.name}: ${e.message}`);
  }
  log(`Patient.count() -> ${await Patient.count()} (nothing was written by the two failed attempts)`);

  // ---------------------------------------------------------------------------------------------
  section('3. Appointments in clinic_db');
  await Appointment.create({
    patientId: joao.id, doctorName: 'Dra. Ana Costa', appointmentDate: daysFromNow(-30, 14), status: 'completed', priceCents: 30000,
  });
  const checkUp = await Appointment.create({ patientId: joao.id, doctorName: 'Dr. Carlos Lima', appointmentDate: daysFromNow(2, 9), priceCents: 25000 });
  const [followUp, mariaPast, mariaNext] = await Appointment.insertMany([
    { patientId: joao.id, doctorName: 'Dra. Ana Costa', appointmentDate: daysFromNow(9, 15), priceCents: 18000 },
    { patientId: maria.id, doctorName: 'Dr. Carlos Lima', appointmentDate: daysFromNow(-3, 10), priceCents: 25000 },
    { patientId: maria.id, doctorName: 'Dra. Beatriz Rocha', appointmentDate: daysFromNow(1, 11), priceCents: 22000 },
  ]) as [Appointment, Appointment, Appointment];
  log(`created 2 with Appointment.create() and 3 with one Appointment.insertMany(); status defaults to '${checkUp.status}'`);
  log(`Appointment.count() -> ${await Appointment.count()}`);

  log("query().where({ status: 'scheduled' }).where('appointmentDate', '>=', new Date()).orderBy('appointmentDate').limit(10):");
  const upcoming = await Appointment.query()
    .where({ status: 'scheduled' })
    .where('appointmentDate', '>=', new Date())
    .orderBy('appointmentDate')
    .limit(10)
    .execute();
  for (const a of upcoming) log(`    ${describeAppointment(a)}`);
  const suffixForm = await Appointment.findMany({ status: 'scheduled', appointmentDate__gte: new Date() });
  log(`the Python suffix form findMany({ status: 'scheduled', appointmentDate__gte: now }) -> ${suffixForm.length} rows, the same`);
  log(`count({ status: 'scheduled' }) -> ${await Appointment.count({ status: 'scheduled' })}; ` +
    `query().where('doctorName', 'Dra. Ana Costa').count() -> ${await Appointment.query().where('doctorName', 'Dra. Ana Costa').count()}`);
  for (const page of [1, 2, 3]) {
    const p = await Appointment.query().orderBy('appointmentDate').paginate({ page, perPage: 2 });
    log(`paginate({ page: ${p.page}, perPage: ${p.perPage} }) -> ${p.items.length} item(s) of ${p.total}, ${p.pages} page(s): ` +
      p.items.map((a) => a.appointmentDate.toISOString().slice(0, 10)).join(', '));
  }

  // ---------------------------------------------------------------------------------------------
  section('4. Update');
  mariaPast.status = 'completed';
  await mariaPast.save();
  const reloaded = await Appointment.findByIdOrFail(mariaPast.id);
  log(`a.status = 'completed'; await a.save() -> reloaded: status '${reloaded.status}', ` +
    `createdAt ${reloaded.createdAt.toISOString()}, updatedAt ${reloaded.updatedAt.toISOString()}`);
  const bulk = await Appointment.updateMany({ patientId: maria.id, status: 'scheduled' }, { doctorName: 'Dra. Ana Costa' });
  log(`updateMany({ patientId: maria, status: 'scheduled' }, { doctorName: 'Dra. Ana Costa' }) -> ${bulk} row(s)`);
  await mariaNext.reload();
  log(`reload() -> ${describeAppointment(mariaNext)}`);

  // ---------------------------------------------------------------------------------------------
  section('5. Soft delete');
  followUp.status = 'cancelled';
  await followUp.save();
  await followUp.delete(); // Appointment is SoftDelete: only stamps deletedAt
  log(`cancelled and deleted the follow-up of ${when(followUp.appointmentDate)}: deletedAt = ${followUp.deletedAt?.toISOString()}`);
  log(`findById(deleted id) -> ${await Appointment.findById(followUp.id)}`);
  log(`count() -> ${await Appointment.count()} live; ` +
    `query().withDeleted().count() -> ${await Appointment.query().withDeleted().count()}; ` +
    `query().onlyDeleted().count() -> ${await Appointment.query().onlyDeleted().count()}`);
  const kept = await Appointment.query().onlyDeleted().first();
  log(`the row is still there for auditing: ${kept ? describeAppointment(kept) : 'missing!'}`);

  // ---------------------------------------------------------------------------------------------
  section('6. Transactions in clinic_db');
  const counts = async (): Promise<string> => `${await Appointment.count()} appointment(s), ${await Payment.count()} payment(s)`;
  log(`before: ${await counts()}`);
  const paid = await clinicDb.database.transaction(async () => {
    const appointment = await Appointment.create({
      patientId: maria.id, doctorName: 'Dr. Carlos Lima', appointmentDate: daysFromNow(14, 16), priceCents: 25000,
    });
    const payment = await Payment.create({ appointmentId: appointment.id, amountCents: appointment.priceCents, method: 'pix' });
    return { appointment, payment };
  });
  log(`committed: appointment ${paid.appointment.id} and its payment of ${brl(paid.payment.amountCents)} by ${paid.payment.method}`);
  log(`after commit: ${await counts()}`);

  let insideId: string | undefined;
  try {
    await clinicDb.database.transaction(async () => {
      const appointment = await Appointment.create({
        patientId: joao.id, doctorName: 'Dra. Beatriz Rocha', appointmentDate: daysFromNow(20, 8), priceCents: 22000,
      });
      insideId = appointment.id;
      log(`  inside the transaction: appointment ${appointment.id} inserted; count() there -> ${await Appointment.count()}`);
      await Payment.create({ appointmentId: appointment.id, amountCents: 0, method: 'pix' }); // @Min(1): fails
    });
    throw new Error('the failing transaction committed');
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    log(`  the payment failed -> ${e.name}: ${e.message}`);
  }
  log(`rolled back: findById(${insideId}) -> ${await Appointment.findById(insideId!)}; after: ${await counts()} (unchanged)`);
  log('(transactions are per database: patients_db is not part of them)');

  // ---------------------------------------------------------------------------------------------
  section('7. Cross-database lookup (joined in application code)');
  const patient = await Patient.findByIdOrFail(maria.id); // patients_db
  const appointments = await Appointment.findMany({ patientId: patient.id }, { orderBy: { appointmentDate: 'asc' } }); // clinic_db
  const payments = await Payment.findMany({ appointmentId: { $in: appointments.map((a) => a.id) } }); // clinic_db
  const paidCents = new Map<string, number>();
  for (const p of payments) paidCents.set(p.appointmentId, (paidCents.get(p.appointmentId) ?? 0) + p.amountCents);
  const patientData = {
    patient: patient.toJSON(),
    appointments: appointments.map((a) => ({
      id: a.id,
      date: a.appointmentDate.toISOString(),
      doctor: a.doctorName,
      status: a.status,
      price: brl(a.priceCents),
      paid: brl(paidCents.get(a.id) ?? 0),
    })),
    totals: {
      appointments: appointments.length,
      billed: brl(appointments.reduce((sum, a) => sum + a.priceCents, 0)),
      paid: brl(payments.reduce((sum, p) => sum + p.amountCents, 0)),
    },
  };
  log(`Patient.findById() on patients_db + Appointment.findMany({ patientId }) and Payment.findMany({ appointmentId: { $in } }) on clinic_db:`);
  show(patientData);
  log(`\nall steps done in ${seconds(started)}`);
}

async function run(): Promise<void> {
  let failed = false;
  try {
    await main();
  } catch (e) {
    failed = true;
    console.error('\nsample failed:', e);
  } finally {
    section('8. Close');
    try {
      await DatabaseFactory.closeAll();
      log('closed every database');
    } catch (e) {
      failed = true;
      console.error('closing failed:', e);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void run();
