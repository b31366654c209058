import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/configure-app';
import { Appointment, Patient, Payment } from '../src/models';
import { PaymentGateway } from '../src/bookings';

// Valid CPFs (check digits right), only for tests.
const CPF = '529.982.247-25';
const OTHER_CPF = '111.444.777-35';

describe('nest-clinic over HTTP', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: ['error', 'warn'] }));
    await app.init();
    http = app.getHttpServer();
    // A server keeps the rows of an earlier run; the embedded databases start empty.
    await Payment.deleteMany({});
    await Appointment.deleteMany({});
    await Patient.deleteMany({});
  });

  // Closing the app closes the databases EssenciaModule opened: jest then exits by itself (no --forceExit).
  afterAll(async () => {
    await app?.close();
  });

  async function registerPatient(email: string, cpf = CPF): Promise<{ id: string; cpf: string }> {
    const res = await request(http).post('/patients').send({ name: 'Maria Silva', cpf, email }).expect(201);
    return res.body;
  }

  it('registers a patient and never sends the CPF back in clear', async () => {
    const created = await registerPatient('maria@example.com');
    const digits = CPF.replace(/\D/g, '');
    expect(created.cpf).toBe('***.***.*47-25');
    expect(JSON.stringify(created)).not.toContain(digits);
    const fetched = await request(http).get(`/patients/${created.id}`).expect(200);
    expect(fetched.body.cpf).toBe(created.cpf);
    expect(JSON.stringify(fetched.body)).not.toContain(digits);
  });

  it('rejects an invalid CPF with 400 before anything is written', async () => {
    const res = await request(http).post('/patients').send({ name: 'Bad', cpf: '123.456.789-00', email: 'bad@example.com' }).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/cpf/i);
    expect(await Patient.count({ email: 'bad@example.com' })).toBe(0);
  });

  it('answers a duplicate e-mail with 409 naming the field, not the value', async () => {
    await registerPatient('dup@example.com', OTHER_CPF);
    const res = await request(http).post('/patients').send({ name: 'Again', cpf: OTHER_CPF, email: 'dup@example.com' }).expect(409);
    expect(res.body.fields).toEqual(['email']);
    expect(res.text).not.toContain('dup@example.com');
  });

  it('books an appointment and its payment together', async () => {
    const patient = await registerPatient('booked@example.com');
    const res = await request(http)
      .post('/appointments')
      .send({ patientId: patient.id, doctorName: 'Dr. Souza', appointmentDate: '2030-01-10T14:00:00.000Z', priceCents: 25000, method: 'pix' })
      .expect(201);
    expect(res.body.payment.appointmentId).toBe(res.body.appointment.id);
    expect(await Payment.count({ appointmentId: res.body.appointment.id })).toBe(1);
  });

  it('rolls the appointment back when the payment fails', async () => {
    const patient = await registerPatient('declined@example.com');
    const before = { appointments: await Appointment.count({}), payments: await Payment.count({}) };
    await request(http)
      .post('/appointments')
      .send({ patientId: patient.id, doctorName: 'Dr. Lima', appointmentDate: '2030-02-01T09:00:00.000Z', priceCents: PaymentGateway.LIMIT_CENTS + 1, method: 'credit_card' })
      .expect(402);
    expect(await Appointment.count({ patientId: patient.id })).toBe(0);
    expect({ appointments: await Appointment.count({}), payments: await Payment.count({}) }).toEqual(before);
    const list = await request(http).get('/appointments').query({ patientId: patient.id }).expect(200);
    expect(list.body).toEqual([]);
  });

  it('answers an unknown patient with 404', async () => {
    await request(http)
      .post('/appointments')
      .send({ patientId: 'no-such-patient', doctorName: 'Dr. Lima', appointmentDate: '2030-02-01T09:00:00.000Z', priceCents: 100, method: 'cash' })
      .expect(404);
  });
});
