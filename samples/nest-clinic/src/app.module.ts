import { Module } from '@nestjs/common';
import { EssenciaModule } from 'essencia/nestjs';
import { BookingsModule } from './bookings';
import { ClinicConfig } from './clinic-config';
import { CLINIC_DB, PATIENTS_DB } from './models';
import { PatientsModule } from './patients';

@Module({
  imports: [
    // The names are static (they are injection tokens); the URLs come from ClinicConfig at boot.
    EssenciaModule.forRootAsync({ databaseNames: [PATIENTS_DB, CLINIC_DB], useClass: ClinicConfig }),
    PatientsModule,
    BookingsModule,
  ],
})
export class AppModule {}
