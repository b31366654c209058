import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule));
  app.enableShutdownHooks(); // SIGTERM / SIGINT close the databases EssenciaModule opened
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  console.log(`nest-clinic listening on http://127.0.0.1:${port}`);
}

void bootstrap();
