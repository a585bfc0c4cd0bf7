import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addCalendarDays, chinaDate } from '../../common/clock.js';
import { CalendarService } from '../settings/calendar.service.js';
import { SettingsService } from '../settings/settings.service.js';

const DAY_MS = 86_400_000;

export interface IntakeDeadlines {
  intakeDate: string;
  analysisDueDate: string;
  dueDate: string;
  escalateAt: Date;
}

/**
 * The deadlines a case gets at intake, from the settings in force for its region (workflow settings and the
 * calendar table are data): analysis within N working days, county decision within N calendar days, escalation
 * after N days. Fixed at intake, so a later change of the settings does not move a running case's deadlines.
 */
@Injectable()
export class CaseDeadlinesService {
  constructor(
    private readonly settings: SettingsService,
    private readonly calendar: CalendarService,
  ) {}

  async atIntake(manager: EntityManager, regionCode: string, intakeAt: Date): Promise<IntakeDeadlines> {
    const settings = await this.settings.workflowSettingsFor(manager, regionCode);
    const intakeDate = chinaDate(intakeAt);
    return {
      intakeDate,
      analysisDueDate: await this.calendar.addWorkingDays(manager, intakeDate, settings.analysisWorkingDays),
      dueDate: addCalendarDays(intakeDate, settings.decisionDays),
      escalateAt: new Date(intakeAt.getTime() + settings.escalateAfterDays * DAY_MS),
    };
  }
}
