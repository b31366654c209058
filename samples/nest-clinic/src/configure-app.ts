import { ClassSerializerInterceptor, ValidationPipe, type INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EssenciaExceptionFilter } from 'essencia/nestjs';

/** What main.ts and the e2e tests both apply: DTO validation, response serialisation, essencia's errors. */
export function configureApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalInterceptors(new ClassSerializerInterceptor(app.get(Reflector)));
  app.useGlobalFilters(new EssenciaExceptionFilter());
  return app;
}
