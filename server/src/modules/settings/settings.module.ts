import { Global, Module } from '@nestjs/common';
import { CalendarService } from './calendar.service.js';
import { SettingsController } from './settings.controller.js';
import { SettingsService } from './settings.service.js';

/** Global: cases, notices and tickets read the monitoring line, the deadlines and the working-day calendar. */
@Global()
@Module({
  controllers: [SettingsController],
  providers: [SettingsService, CalendarService],
  exports: [SettingsService, CalendarService],
})
export class SettingsModule {}
