import { Body, Controller, Get, HttpException, HttpStatus, Injectable, Module, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsString, Length, Min } from 'class-validator';
import { EssenciaModule, InjectModel, Transactional } from 'essencia/nestjs';
import { Appointment, CLINIC_DB, Payment, PAYMENT_METHODS } from './models';
import { PatientsModule, PatientsService } from './patients';

export class BookAppointmentDto {
  @IsString() patientId!: string;
  @IsString() @Length(1, 120) doctorName!: string;
  @Type(() => Date) @IsDate() appointmentDate!: Date;
  @IsInt() @Min(1) priceCents!: number;
  @IsIn([...PAYMENT_METHODS]) method!: string;
}

/** Stands for a payment provider; it declines amounts above its limit. */
@Injectable()
export class PaymentGateway {
  static readonly LIMIT_CENTS = 1_000_000;

  async charge(amountCents: number): Promise<void> {
    if (amountCents > PaymentGateway.LIMIT_CENTS) throw new HttpException('payment declined', HttpStatus.PAYMENT_REQUIRED);
  }
}

@Injectable()
export class BookingService {
  constructor(
    private readonly patients: PatientsService,
    private readonly gateway: PaymentGateway,
    @InjectModel(Appointment) private readonly appointments: typeof Appointment,
    @InjectModel(Payment) private readonly payments: typeof Payment,
  ) {}

  /**
   * The appointment and its payment are written together or not at all: if the charge is declined after
   * both rows are written, the transaction rolls them back.
   */
  @Transactional(CLINIC_DB)
  async book(dto: BookAppointmentDto): Promise<{ appointment: Appointment; payment: Payment }> {
    await this.patients.get(dto.patientId); // 404 for an unknown patient (another database: no foreign key)
    const appointment = await this.appointments.create({
      patientId: dto.patientId,
      doctorName: dto.doctorName,
      appointmentDate: dto.appointmentDate,
      priceCents: dto.priceCents,
    });
    const payment = await this.payments.create({ appointmentId: appointment.id, amountCents: dto.priceCents, method: dto.method });
    await this.gateway.charge(dto.priceCents);
    return { appointment, payment };
  }

  listFor(patientId: string): Promise<Appointment[]> {
    return this.appointments.findMany({ patientId }, { orderBy: ['appointmentDate'] });
  }
}

@Controller('appointments')
export class BookingController {
  constructor(private readonly bookings: BookingService) {}

  @Post()
  book(@Body() dto: BookAppointmentDto): Promise<{ appointment: Appointment; payment: Payment }> {
    return this.bookings.book(dto);
  }

  @Get()
  list(@Query('patientId') patientId: string): Promise<Appointment[]> {
    return this.bookings.listFor(patientId);
  }
}

@Module({
  imports: [EssenciaModule.forFeature([Appointment, Payment]), PatientsModule],
  controllers: [BookingController],
  providers: [BookingService, PaymentGateway],
})
export class BookingsModule {}
