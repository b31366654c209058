import { Body, Controller, Get, Injectable, Module, Param, Post } from '@nestjs/common';
import { IsEmail, IsString, Length } from 'class-validator';
import { IsCPF, NotFoundError } from 'essencia';
import { EssenciaModule, InjectModel } from 'essencia/nestjs';
import { Patient } from './models';

/** What POST /patients accepts; ValidationPipe checks it before any model sees it. */
export class CreatePatientDto {
  @IsString() @Length(1, 120) name!: string;
  @IsCPF() cpf!: string;
  @IsEmail() email!: string;
}

@Injectable()
export class PatientsService {
  constructor(@InjectModel(Patient) private readonly patients: typeof Patient) {}

  register(dto: CreatePatientDto): Promise<Patient> {
    return this.patients.create(dto);
  }

  async get(id: string): Promise<Patient> {
    const patient = await this.patients.findById(id);
    if (!patient) throw new NotFoundError(`no patient with id ${id}`);
    return patient;
  }

  /** Search by CPF: an equality on the blind index, the CPF itself is never stored in clear. */
  findByCpf(cpf: string): Promise<Patient | null> {
    return this.patients.findOne({ cpf });
  }
}

@Controller('patients')
export class PatientsController {
  constructor(private readonly service: PatientsService) {}

  // The model instance goes out as it is: ClassSerializerInterceptor (class-transformer's instanceToPlain)
  // masks the encrypted CPF as toJSON() does.
  @Post()
  register(@Body() dto: CreatePatientDto): Promise<Patient> {
    return this.service.register(dto);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Patient> {
    return this.service.get(id);
  }
}

@Module({
  imports: [EssenciaModule.forFeature([Patient])],
  controllers: [PatientsController],
  providers: [PatientsService],
  exports: [PatientsService],
})
export class PatientsModule {}
