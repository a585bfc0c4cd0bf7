import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfigService } from './app-config.service.js';
import { validateEnvironment } from './env.validation.js';

@Global()
@Module({
  imports: [ConfigModule.forRoot({ validate: validateEnvironment, cache: true, ignoreEnvFile: true })],
  providers: [AppConfigService],
  exports: [AppConfigService],
})
export class AppConfigModule {}
