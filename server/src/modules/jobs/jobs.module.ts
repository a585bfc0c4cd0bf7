import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service.js';

/** Global: any module registers and enqueues background jobs through JobsService. */
@Global()
@Module({ providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
